package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.importer.agent.AgentProjectSync;
import dev.sessiondesk.app.importer.formats.FormatReaders;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Fixtures and store helpers shared by the importer tests. */
public final class ImportTestSupport {

    /** What a partial import adds to a title (the writer's mark, package-private in the pipeline). */
    public static final String PARTIAL_MARK = ImportWriter.PARTIAL_MARK;

    private ImportTestSupport() {
    }

    public static Path fixture(String name) {
        try {
            return Path.of(ImportTestSupport.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private copy of a fixture file or folder in {@code dir}, so a test may change it. */
    public static Path copyFixture(String name, Path dir) throws IOException {
        Path source = fixture(name);
        Path target = dir.resolve(source.getFileName().toString());
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    public static ImportService service(Store store) {
        return new ImportService(store, new FormatReaders(new AgentProjectSync(store)));
    }

    public static ImportReport importPath(Store store, Path path, ImportOptions options) throws IOException {
        return service(store).importPath(path, options, ImportProgress.NONE);
    }

    public static Session byRef(Store store, String origin, String ref) {
        return store.sessions().findByExternalRef(origin, ref)
                .orElseThrow(() -> new AssertionError("no session " + origin + " " + ref));
    }

    public static List<Message> messages(Store store, Session s) {
        return store.messages().list(s.id());
    }

    public static int sessionCount(Store store) {
        return store.sessions().count(true);
    }

    /** SHA-256 of every file (name → hash) and its modification time under {@code root}: proof nothing changed. */
    public static TreeMap<String, String> snapshot(Path root) {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isRegularFile(p)) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                    out.put(key, HexFormat.of().formatHex(digest) + " " + Files.getLastModifiedTime(p).toMillis());
                } else {
                    out.put(key + "/", "dir");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static String partialReason(Store store, String sessionId) {
        return store.reader().read("read provenance", c -> {
            try (var ps = c.prepareStatement("SELECT partial_reason FROM session_imports WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
