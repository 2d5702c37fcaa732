package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.ForkNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where a conversation has alternatives, worked out from its fork family alone (the sessions' parent
 * links), so it holds however forks store their messages.
 *
 * <p>A fork point {@code q} is "after message q". Its <b>trunk</b> is the topmost session that holds
 * the same messages 1..q as the one shown (walk up while a session forked at or after q). The
 * alternatives for message {@code q + 1} are the trunk and every fork that left the trunk's line exactly
 * at q, oldest first. Edit and regenerate always fork the trunk, so all alternatives sit side by side.
 */
public final class BranchPoints {
    /** The sessions that are alternatives at one point, and which of them the shown session follows. */
    public record Alternatives(List<String> sessionIds, int index) {
        public Alternatives {
            sessionIds = List.copyOf(sessionIds);
        }

        public String shown() {
            return sessionIds.get(index);
        }

        /** The neighbour {@code direction} steps away, if there is one (no wrap-around). */
        public Optional<String> step(int direction) {
            int target = index + Integer.signum(direction);
            return target < 0 || target >= sessionIds.size() || direction == 0
                    ? Optional.empty() : Optional.of(sessionIds.get(target));
        }
    }

    private final Map<String, ForkNode> byId = new LinkedHashMap<>();

    /** @param family the sessions of one fork family in creation order ({@code ForkFamily.of}) */
    public BranchPoints(List<ForkNode> family) {
        for (ForkNode n : family) {
            byId.put(n.id(), n);
        }
    }

    /** The session whose messages 1..q the branch at q should be forked from. */
    public String trunk(String sessionId, int q) {
        ForkNode n = byId.get(sessionId);
        if (n == null) {
            return sessionId;
        }
        while (n.parentId() != null && n.parentSeq() != null && n.parentSeq() >= q && byId.containsKey(n.parentId())) {
            n = byId.get(n.parentId());
        }
        return n.id();
    }

    /** The alternatives for message {@code q + 1} as seen from {@code sessionId}, if there are two or more. */
    public Optional<Alternatives> at(String sessionId, int q) {
        if (!byId.containsKey(sessionId)) {
            return Optional.empty();
        }
        String trunk = trunk(sessionId, q);
        String own = followed(sessionId, trunk, q);
        List<String> members = new ArrayList<>();
        members.add(trunk);
        for (ForkNode n : byId.values()) {
            boolean forkedHere = n.parentSeq() != null && n.parentSeq() == q && n.parentId() != null
                    && byId.containsKey(n.parentId()) && trunk(n.parentId(), q).equals(trunk);
            if (forkedHere && !n.id().equals(trunk) && (!n.inTrash() || n.id().equals(own))) {
                members.add(n.id());
            }
        }
        int index = members.indexOf(own);
        return members.size() < 2 || index < 0 ? Optional.empty() : Optional.of(new Alternatives(members, index));
    }

    /** Every point of {@code sessionId} with alternatives, keyed by the seq of the first differing message. */
    public Map<Integer, Alternatives> all(String sessionId) {
        TreeSet<Integer> points = new TreeSet<>();
        for (ForkNode n : byId.values()) {
            if (n.parentSeq() != null) {
                points.add(n.parentSeq());
            }
        }
        Map<Integer, Alternatives> out = new LinkedHashMap<>();
        for (int q : points) {
            at(sessionId, q).ifPresent(a -> out.put(q + 1, a));
        }
        return out;
    }

    /** Which alternative the shown session is on: the nearest session on its way up that forked at q. */
    private String followed(String sessionId, String trunk, int q) {
        ForkNode n = byId.get(sessionId);
        while (n != null && !n.id().equals(trunk)) {
            if (n.parentSeq() != null && n.parentSeq() == q) {
                return n.id();
            }
            n = byId.get(n.parentId());
        }
        return trunk;
    }
}
