package dev.sessiondesk.app.importer.goose;

import dev.sessiondesk.app.importer.ImportService;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * First run: looks for Goose's sessions at their default place ({@code $XDG_DATA_HOME/goose/sessions}
 * or {@code ~/.local/share/goose/sessions}) and says what is there. It only looks: the UI asks the
 * user, and only then calls {@link ImportService#importPath} on {@link Finding#folder()}.
 */
public final class GooseSessionsFinder {

    /** What was found: the folder, its {@code sessions.db} (or null) and how many legacy {@code .jsonl} files. */
    public record Finding(Path folder, Path database, int legacyFiles) {
        public String describe() {
            StringBuilder sb = new StringBuilder("Goose sessions in ").append(folder).append(": ");
            if (database != null) {
                sb.append("a session database");
            }
            if (legacyFiles > 0) {
                sb.append(database != null ? " and " : "").append(legacyFiles).append(" older session file(s)");
            }
            return sb.toString();
        }
    }

    private final Map<String, String> env;
    private final Path home;

    public GooseSessionsFinder(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public static GooseSessionsFinder system() {
        return new GooseSessionsFinder(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Optional<Finding> find() {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        Path folder = base.resolve("goose").resolve("sessions");
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Path db = folder.resolve("sessions.db");
        int jsonl = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.jsonl")) {
            for (Path ignored : s) {
                jsonl++;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean hasDb = Files.isRegularFile(db);
        if (!hasDb && jsonl == 0) {
            return Optional.empty();
        }
        return Optional.of(new Finding(folder, hasDb ? db : null, jsonl));
    }
}
