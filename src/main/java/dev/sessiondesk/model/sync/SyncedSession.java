package dev.sessiondesk.model.sync;

/**
 * A session as sync carries it between a device and the server: the immutable facts (id, creation,
 * parent link, where its own messages start), the mutable fields each with the hybrid logical clock
 * of its last change, and the agent-project facts when the session came from an agent project.
 * {@code baseSeq}/{@code baseHash}: the chain position this session's own messages continue from
 * (0 and genesis for a root session; the fork point for a fork that stores only its own messages).
 */
public record SyncedSession(
        String id,
        String deviceId,
        long createdAt,
        String workingDir,
        String origin,
        String parentSessionId,
        Integer parentSeq,
        int baseSeq,
        String baseHash,
        String title,
        String titleSource,
        String titleHlc,
        boolean pinned,
        String pinnedHlc,
        Long archivedAt,
        String archivedHlc,
        Long deletedAt,
        String trashHlc,
        long lastActivity,
        AgentFacts agent,
        long changeNo) {

    /** Rank of a title source: a user title beats an automatic one, which beats none. */
    public static int titleRank(String source) {
        return switch (source == null ? "none" : source) {
            case "user" -> 2;
            case "auto" -> 1;
            default -> 0;
        };
    }

    /** True when title {@code (source, hlc)} should replace {@code (otherSource, otherHlc)}. */
    public static boolean titleBeats(String source, String hlc, String otherSource, String otherHlc) {
        int r = Integer.compare(titleRank(source), titleRank(otherSource));
        return r != 0 ? r > 0 : Hlc.compare(hlc, otherHlc) > 0;
    }

    /** The facts the agent bridge knows about an agent-project session (for the agent frontend's view). */
    public record AgentFacts(String slug, String status, String sessionType, String sessionDir, String projectDir) {
    }
}
