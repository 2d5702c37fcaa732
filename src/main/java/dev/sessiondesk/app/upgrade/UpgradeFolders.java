package dev.sessiondesk.app.upgrade;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code upgrade-<UTC time>/} folders pre-upgrade leaves: each holds exports of the open sessions
 * and a manifest, and without pruning they piled up forever (issue 18 item 21). The newest
 * {@link #KEEP} complete ones stay; an older one goes only once the newest upgrade has been checked
 * good on this store (its {@code upgrade-check.json} is there) and {@link #KEEP} complete, readable
 * newer ones exist, so the exports of an upgrade that went wrong are never the ones removed.
 */
public final class UpgradeFolders {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeFolders.class);
    public static final int KEEP = 3;
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PreUpgrade.FOLDER_PREFIX) + "\\d{8}T\\d{6}Z");

    private final Path dataDir;

    public UpgradeFolders(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Removes the folders beyond the newest {@link #KEEP} complete ones; returns those removed. */
    public List<Path> prune() throws IOException {
        List<Path> folders = newestFirst();
        // The newest finished upgrade (the one UpgradeCheck looks at) must have checked good.
        if (folders.stream().filter(UpgradeFolders::complete).findFirst().filter(UpgradeFolders::checkedGood).isEmpty()) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        int complete = 0;
        for (Path folder : folders) {
            if (complete >= KEEP) {
                deleteTree(folder);
                removed.add(folder);
                LOG.info("removed the old upgrade folder {} ({} newer ones are kept)", folder, KEEP);
            } else if (complete(folder)) {
                complete++;
            }
        }
        return removed;
    }

    private List<Path> newestFirst() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, PreUpgrade.FOLDER_PREFIX + "*")) {
            for (Path d : dirs) {
                if (NAME.matcher(d.getFileName().toString()).matches()
                        && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(d);
                }
            }
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return out;
    }

    private static boolean checkedGood(Path folder) {
        return Files.isRegularFile(folder.resolve(UpgradeCheck.RESULT_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /** A manifest that reads: pre-upgrade finished there (a crashed run leaves none). */
    private static boolean complete(Path folder) {
        try {
            UpgradeManifest.read(folder.resolve(UpgradeManifest.FILE_NAME));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the folder and what is in it; a symbolic link inside is removed, never followed. */
    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
