package dev.sessiondesk.app.backup;

import java.nio.file.Path;

/** Child JVM: backs up the data folder again and again, announcing each start; the parent kills it. */
public final class BackupLoopChild {
    public static void main(String[] args) throws Exception {
        BackupService backups = new BackupService(Path.of(args[0]));
        for (int i = 0; ; i++) {
            System.out.println("BACKUP " + i);
            System.out.flush();
            backups.backup("kill test", Progress.NONE);
        }
    }
}
