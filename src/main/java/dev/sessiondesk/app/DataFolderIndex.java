package dev.sessiondesk.app;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folders this user has opened, one absolute path a line in {@code <config>/data-folders}
 * (0600 in the 0700 config folder). An installer's pre-upgrade step reads it to find every store,
 * not only the default one: folders chosen with {@code --data-dir} or {@code SESSIONDESK_DATA_DIR}
 * are protected by the upgrade safeguard too (P7).
 *
 * <p>Recording is best effort: a config folder that cannot be written never stops the app (it is
 * logged). Folders that no longer exist are dropped whenever the index is written, and it keeps the
 * {@value #LIMIT} most recently opened, so temporary folders do not pile up.
 */
public final class DataFolderIndex {
    public static final String FILE_NAME = "data-folders";
    static final int LIMIT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DataFolderIndex.class);

    private final Path configDir;

    public DataFolderIndex(Path configDir) {
        this.configDir = configDir;
    }

    public Path file() {
        return configDir.resolve(FILE_NAME);
    }

    /** Adds {@code dataDir} as the most recently opened folder; never throws. */
    public void record(Path dataDir) {
        String entry = dataDir.toAbsolutePath().normalize().toString();
        if (entry.indexOf('\n') >= 0 || entry.indexOf('\r') >= 0) {
            LOG.warn("data folder {} is not recorded for the upgrade safeguard: its name has a line break", entry.strip());
            return;
        }
        try {
            PrivateFiles.ensureDirectory(configDir);
            // Two processes recording at once must not drop each other's folder.
            try (FileChannel lockFile = FileChannel.open(configDir.resolve(FILE_NAME + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                PrivateFiles.ensureFile(configDir.resolve(FILE_NAME + ".lock"));
                Set<String> kept = new LinkedHashSet<>();
                for (Path p : folders()) {
                    String s = p.toString();
                    if (!s.equals(entry) && Files.isDirectory(p)) {
                        kept.add(s);
                    }
                }
                kept.add(entry);
                List<String> lines = new ArrayList<>(kept);
                if (lines.size() > LIMIT) {
                    lines = lines.subList(lines.size() - LIMIT, lines.size());
                }
                Path tmp = configDir.resolve(FILE_NAME + ".tmp");
                Files.deleteIfExists(tmp);
                PrivateFiles.ensureFile(tmp);
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record data folder {} in {}: {}", entry, file(), e.toString());
        }
    }

    /** The recorded folders, oldest first; empty when there is no index yet. */
    public List<Path> folders() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String line : lines) {
            // A hand-edited line that is not an absolute path is skipped, never resolved against the cwd.
            try {
                Path p = Path.of(line);
                if (!line.isBlank() && p.isAbsolute()) {
                    out.add(p);
                }
            } catch (InvalidPathException e) {
                LOG.warn("{}: skipping a line that is not a path", file());
            }
        }
        return out;
    }
}
