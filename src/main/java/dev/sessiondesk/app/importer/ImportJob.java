package dev.sessiondesk.app.importer;

import java.nio.file.Path;

/** One source to read with one reader: what auto-detection (or {@code --format}) decided. */
public record ImportJob(ImportFormat format, Path path) {
}
