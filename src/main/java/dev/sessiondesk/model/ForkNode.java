package dev.sessiondesk.model;

/**
 * One session of a fork family as the branch switcher needs it: where it forked off its parent
 * ({@code parentId} null for the family's root; {@code parentSeq} = the last message it shares).
 */
public record ForkNode(String id, String parentId, Integer parentSeq, long createdAt, boolean inTrash) {
}
