package dev.sessiondesk.app.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file to read — on disk, or an entry of a zip archive read in place (never unpacked to disk) —
 * opened as often as its reader needs (some read twice: a measuring pass, then the reading one).
 *
 * @param label    how messages name it ("conversations.json", "export.zip!conversations.json")
 * @param size     its size in bytes (uncompressed for an archive entry)
 * @param modified its last-modified time in Unix milliseconds, the fallback for missing times
 */
public record ImportSource(String label, long size, long modified, Opener opener) {

    public interface Opener {
        InputStream open() throws IOException;
    }

    public static ImportSource of(Path file) throws IOException {
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new ImportSource(label, Files.size(file), Files.getLastModifiedTime(file).toMillis(),
                () -> Files.newInputStream(file));
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
