package dev.sessiondesk.store;

/** One step of the schema: run inside the single transaction that also records the new version. */
public record Migration(int version, String description, SqlWork<Void> apply) {
}
