package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An export as users download it — ChatGPT's and Claude's arrive as zip files — read in place: each
 * entry is streamed from the archive, nothing is unpacked to disk. Entries that would escape the
 * archive ({@code ..}, absolute names) are refused; so are zip bombs: an entry that expands more than
 * {@value #MAX_RATIO}× (beyond 1 MB), or an archive whose entries add up to more than the total
 * limit. Sizes are counted as bytes come out, never taken from the archive's own claims.
 */
final class ZipImport {
    static final int MAX_RATIO = 100;
    static final long MAX_TOTAL = 4L * 1024 * 1024 * 1024;
    private static final byte[] MAGIC = {'P', 'K', 3, 4};

    /** One entry worth importing: what it is and how to read it. */
    record Entry(ImportFormat format, ImportSource source) {
    }

    private ZipImport() {
    }

    static boolean isZip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 4) == 4 && java.util.Arrays.equals(head, MAGIC);
        }
    }

    /**
     * The importable entries of {@code zip}, detected by content, with a located problem for each one
     * refused. The archive stays open while the entries are read; {@code zipFile} must be closed after.
     */
    static List<Entry> entries(ZipFile zipFile, String zipLabel, List<ImportProblem> refused) throws IOException {
        List<Entry> out = new ArrayList<>();
        long total = 0;
        Enumeration<? extends ZipEntry> all = zipFile.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            String name = e.getName();
            String label = zipLabel + "!" + name;
            if (e.isDirectory()) {
                continue;
            }
            if (escapes(name)) {
                refused.add(new ImportProblem(label, UserText.of("import", "zip.outside")));
                continue;
            }
            if (!name.endsWith(".json")) {
                continue; // chat.html, images, audio: not conversations
            }
            long size = e.getSize();
            long compressed = e.getCompressedSize();
            if (size > 1024 * 1024 && compressed > 0 && size / compressed > MAX_RATIO) {
                refused.add(new ImportProblem(label, UserText.of("import", "zip.bomb", size / compressed, MAX_RATIO)));
                continue;
            }
            total += Math.max(size, 0);
            if (total > MAX_TOTAL) {
                refused.add(new ImportProblem(zipLabel, UserText.of("import", "zip.tooLarge", SafePaths.megabytes(MAX_TOTAL))));
                break;
            }
            long limit = size >= 0 ? size : Math.max(compressed, 1) * MAX_RATIO;
            ImportSource source = new ImportSource(label, Math.max(size, 0), e.getTime(),
                    () -> new Bounded(zipFile.getInputStream(e), limit, label));
            Optional<ImportFormat> format = detect(source, baseName(name));
            format.ifPresent(f -> out.add(new Entry(f, source)));
        }
        return out;
    }

    private static Optional<ImportFormat> detect(ImportSource source, String name) throws IOException {
        int first;
        try (InputStream in = source.open()) {
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (first != '[' && first != '{') {
            return Optional.empty();
        }
        Optional<ImportFormat> shape = FormatDetector.shapeOf(source.opener(), first == '[');
        if (shape.isEmpty() && first == '[' && name.startsWith("conversations")) {
            return Optional.of(ImportFormat.CHATGPT); // an empty or odd export: its reader says what is wrong
        }
        return shape;
    }

    private static boolean escapes(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** Stops an entry that produces more bytes than it declared (a lying header is a zip bomb too). */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String label;
        private long read;

        Bounded(InputStream in, long limit, String label) {
            super(in);
            this.limit = limit;
            this.label = label;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException(label + ": refused, it expands beyond the " + limit + " bytes it declared");
            }
        }
    }
}
