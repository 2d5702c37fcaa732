package dev.sessiondesk.cli;

import dev.sessiondesk.app.backup.BackupCatalog;
import dev.sessiondesk.app.backup.BackupRecord;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "backups", description = "List the verified backups, newest first (restore one with: restore FILE).")
final class BackupsCommand extends StoreCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public Integer call() {
        List<BackupRecord> backups = new BackupCatalog(root.resolvedDataDir()).list();
        PrintWriter out = out();
        if (backups.isEmpty()) {
            out.println("no verified backups in " + new BackupCatalog(root.resolvedDataDir()).dir());
        } else {
            out.printf("%-23s %10s %9s %9s %-9s %s%n", "DATE", "SIZE", "SESSIONS", "MESSAGES", "VERIFIED", "FILE");
            for (BackupRecord b : backups) {
                out.printf("%-23s %10s %9d %9d %-9s %s%n", WHEN.format(b.createdAt()), size(b.sizeBytes()),
                        b.sessionCount(), b.messageCount(), b.verified() ? "yes" : "no", b.fileName());
            }
        }
        out.flush();
        return SessionDeskCommand.EXIT_OK;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
