package dev.sessiondesk.app.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the branches of a conversation tree fork, the way SessionDesk keeps branches: the active
 * path is the main session; every other leaf is a fork of the session that already holds the
 * deepest node of its path, at that node, so no prefix is stored twice. Branch refs are
 * {@code <main ref>#branch-<leaf id>}: node ids are stable across exports, so a re-import finds the
 * same branch again. Shared by every reader of apps whose chats branch (ChatGPT, Open WebUI, LM Studio).
 */
public final class BranchForks {
    /** One branch: its ref, the ref of the session it forks from, and its number (1, 2 …) for its title. */
    public record Fork(String ref, String parentRef, int number) {
        /** "Title (branch 2)", or {@code fallback} in place of a missing title. */
        public String title(String mainTitle, String fallback) {
            return (mainTitle == null ? fallback : mainTitle) + " (branch " + number + ")";
        }
    }

    private final String mainRef;
    /** Node id → ref of the first emitted session that holds it. */
    private final Map<String, String> owner = new HashMap<>();
    private int branches;

    /** @param activePath the node ids of the main session, root first */
    public BranchForks(String mainRef, List<String> activePath) {
        this.mainRef = mainRef;
        activePath.forEach(id -> owner.put(id, mainRef));
    }

    /** The index in {@code path} (root first) of the deepest node some emitted session already holds; -1 for none. */
    public int deepestHeld(List<String> path) {
        int deepest = -1;
        for (int i = 0; i < path.size() && owner.containsKey(path.get(i)); i++) {
            deepest = i;
        }
        return deepest;
    }

    /**
     * The branch ending at {@code leafId}, forked at {@code path[deepest]} (see {@link #deepestHeld});
     * the nodes after it now belong to the branch. Call only for a branch that is emitted.
     */
    public Fork fork(String leafId, List<String> path, int deepest) {
        String parentRef = deepest < 0 ? mainRef : owner.get(path.get(deepest));
        String ref = mainRef + "#branch-" + leafId;
        for (int i = deepest + 1; i < path.size(); i++) {
            owner.put(path.get(i), ref);
        }
        return new Fork(ref, parentRef, ++branches);
    }
}
