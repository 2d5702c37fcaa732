package dev.sessiondesk.app.importer;

/**
 * How to import. {@code format} null means auto-detect. {@code partial}: import the readable prefix
 * of a damaged session (marked as partial) instead of nothing of it. {@code maxBytes}: files above
 * this size are refused (a ChatGPT export is streamed, so there the limit applies per conversation).
 */
public record ImportOptions(ImportFormat format, boolean dryRun, boolean partial, long maxBytes) {
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

    public ImportOptions {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size limit must be positive");
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, false, false, DEFAULT_MAX_BYTES);
    }

    public ImportOptions withFormat(ImportFormat f) {
        return new ImportOptions(f, dryRun, partial, maxBytes);
    }

    public ImportOptions withDryRun(boolean d) {
        return new ImportOptions(format, d, partial, maxBytes);
    }

    public ImportOptions withPartial(boolean p) {
        return new ImportOptions(format, dryRun, p, maxBytes);
    }

    public ImportOptions withMaxBytes(long bytes) {
        return new ImportOptions(format, dryRun, partial, bytes);
    }
}
