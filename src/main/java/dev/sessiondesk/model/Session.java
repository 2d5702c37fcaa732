package dev.sessiondesk.model;

/**
 * One conversation as the store knows it. Times are Unix epoch milliseconds.
 * {@code messageCount} and {@code headHash} describe the finished part of the hash chain.
 */
public record Session(
        String id,
        String title,
        TitleSource titleSource,
        String workingDir,
        long createdAt,
        long updatedAt,
        long lastActivity,
        int messageCount,
        String headHash,
        boolean pinned,
        Long archivedAt,
        Long deletedAt,
        String origin,
        String externalRef,
        String parentSessionId,
        Integer parentSeq,
        boolean active) {

    public Fingerprint fingerprint() {
        return new Fingerprint(messageCount, headHash);
    }

    public boolean inTrash() {
        return deletedAt != null;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** The title to show a person: the stored title, or a placeholder for an untitled session. */
    public String displayTitle() {
        return title == null || title.isBlank() ? "New chat" : title;
    }
}
