package dev.sessiondesk.app.importer;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conversation stored as a tree of messages whose every node converts on its own (edits and
 * regenerations make siblings), turned into sessions where {@link BranchForks} places each branch.
 * Used by the importers of Open WebUI and LM Studio; ChatGPT's conversion depends on the path (a
 * tool's answer belongs to the call before it) and may fail per node, so ChatGptConversation walks
 * its tree itself and shares only {@link BranchForks}.
 */
public final class ConversationTree {
    /** One node; {@code message} is null for a node that is not shown (system prompts, empty turns). */
    public record Node(String id, String parent, NewMessage message) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    public void add(Node node) {
        nodes.put(node.id(), node);
    }

    /**
     * Hands the sessions to {@code sink}; {@code current} is the active leaf (null or unknown: the last
     * child at each step from the first root). {@code session} gives the main session's fields.
     */
    public void emit(SourceSession session, String current, SessionSink sink, List<String> warnings) {
        for (Node n : nodes.values()) {
            if (n.parent() != null && nodes.containsKey(n.parent())) {
                children.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n.id());
            } else if (n.parent() != null) {
                warnings.add("message " + n.id() + ": its parent " + n.parent() + " is missing; the conversation starts again there");
            }
        }
        List<String> active = current != null && nodes.containsKey(current) ? pathTo(current) : lastChildPath();
        List<NewMessage> main = messages(active);
        sink.session(new SourceSession(session.origin(), session.externalRef(), session.label(), session.title(),
                session.titleSource(), session.workingDir(), session.createdAt(), session.archivedAt(), null, null,
                main, null));
        BranchForks forks = new BranchForks(session.externalRef(), active);
        Set<String> onActive = new HashSet<>(active);
        for (Node leaf : nodes.values()) {
            if (children.containsKey(leaf.id()) || onActive.contains(leaf.id())) {
                continue;
            }
            List<String> path = pathTo(leaf.id());
            int deepest = forks.deepestHeld(path);
            int shared = messages(path.subList(0, deepest + 1)).size();
            List<NewMessage> all = messages(path);
            if (all.size() <= shared) {
                continue;
            }
            BranchForks.Fork fork = forks.fork(leaf.id(), path, deepest);
            sink.session(new SourceSession(session.origin(), fork.ref(), session.label() + " branch " + leaf.id(),
                    fork.title(session.title(), "Imported conversation"), TitleSource.AUTO, session.workingDir(),
                    session.createdAt(), session.archivedAt(), fork.parentRef(), deepest < 0 ? null : shared, all, null));
        }
    }

    private List<String> pathTo(String leaf) {
        List<String> up = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id = leaf; id != null && nodes.containsKey(id) && seen.add(id); id = nodes.get(id).parent()) {
            up.add(id);
        }
        Collections.reverse(up);
        return up;
    }

    private List<String> lastChildPath() {
        List<String> out = new ArrayList<>();
        Node root = nodes.values().stream().filter(n -> n.parent() == null || !nodes.containsKey(n.parent()))
                .findFirst().orElse(null);
        Set<String> seen = new HashSet<>();
        for (Node n = root; n != null && seen.add(n.id()); ) {
            out.add(n.id());
            List<String> kids = children.getOrDefault(n.id(), List.of());
            n = kids.isEmpty() ? null : nodes.get(kids.get(kids.size() - 1));
        }
        return out;
    }

    private List<NewMessage> messages(List<String> path) {
        List<NewMessage> out = new ArrayList<>();
        for (String id : path) {
            NewMessage m = nodes.get(id).message();
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }
}
