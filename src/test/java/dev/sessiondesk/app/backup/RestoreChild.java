package dev.sessiondesk.app.backup;

import java.nio.file.Path;

/** Child JVM: restores a backup into the data folder, printing each step; the parent kills it at one. */
public final class RestoreChild {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        new RestoreService(data, new BackupService(data)).restore(Path.of(args[1]), (fraction, message) -> {
            System.out.println("STEP " + message);
            System.out.flush();
        });
        System.out.println("STEP RESTORED");
        System.out.flush();
    }
}
