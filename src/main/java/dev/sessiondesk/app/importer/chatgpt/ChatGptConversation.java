package dev.sessiondesk.app.importer.chatgpt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.BranchForks;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ChatGPT conversation tree turned into SessionDesk sessions.
 *
 * <ul>
 *   <li>The active path (from {@code current_node} up to the root) is the session, external ref =
 *       the conversation id.</li>
 *   <li>Every other leaf (an edited prompt, a regenerated answer) becomes a forked session for the
 *       path from the root to that leaf, forked (as in SessionDesk: {@code parent_session_id},
 *       {@code parent_seq}, the prefix stored once) from the session already holding the deepest node
 *       of that path — the main session or an earlier branch — at that node. Its external ref is
 *       {@code <conversation id>#branch-<leaf node id>}: node ids are stable across exports, so a
 *       re-import finds the same branch again.</li>
 *   <li>The conversation is one unit: a malformed node on any branch means nothing of it is imported
 *       (with partial imports: the readable prefix of the active path, and the intact branches).</li>
 *   <li>System messages and messages hidden from the conversation are skipped; so are messages
 *       whose content is empty (ChatGPT stores empty assistant turns around tool calls).</li>
 *   <li>Roles: user → user, assistant → assistant, tool → assistant with one {@code toolResponse}
 *       item (id = the ChatGPT message id, the output as text inside, the tool's name in
 *       {@code _meta}), because it is machine output the assistant received, not something either
 *       side wrote.</li>
 *   <li>Content: {@code text}/{@code multimodal_text} string parts → text items; {@code code} →
 *       a fenced code block; {@code execution_output} → text; any other part or content type (image
 *       asset pointers, browsing quotes, reasoning recaps …) is kept verbatim in a
 *       {@code chatgptPart}/{@code chatgptContent} item, shown as unsupported content.</li>
 * </ul>
 */
final class ChatGptConversation {
    private final String label;
    private final String where;
    private final int index;
    private final JsonNode conversation;
    private final boolean partial;
    private final String path;
    /** Inconsistencies of the source itself that did not stop the import, told to the user with their place. */
    private final List<String> warnings = new ArrayList<>();

    ChatGptConversation(String label, String where, int index, JsonNode conversation, boolean partial) {
        this.label = label;
        this.where = where;
        this.index = index;
        this.conversation = conversation;
        this.partial = partial;
        this.path = "$[" + index + "]";
    }

    private record Node(String id, String parent, List<String> children, JsonNode message) {
    }

    /** The conversation's id, or null when it has none (the conversation is then refused by {@link #emit}). */
    String conversationId() {
        if (!conversation.isObject()) {
            return null;
        }
        String id = text(conversation, "conversation_id");
        return id != null ? id : text(conversation, "id");
    }

    void emit(SessionSink sink) {
        String name = label + " " + path;
        try {
            emitChecked(sink, name);
        } catch (MalformedChatGpt e) {
            sink.failed(name, List.of(new ImportProblem(where, e.getMessage())));
        }
    }

    private void emitChecked(SessionSink sink, String name) throws MalformedChatGpt {
        if (!conversation.isObject()) {
            throw new MalformedChatGpt(path + ": a conversation must be a JSON object");
        }
        String id = text(conversation, "conversation_id");
        if (id == null) {
            id = text(conversation, "id");
        }
        if (id == null) {
            throw new MalformedChatGpt(path + ".id: missing (neither \"id\" nor \"conversation_id\" is a string)");
        }
        String title = Titles.collapseWhitespace(text(conversation, "title"));
        Long created = Timestamps.millis(conversation.get("create_time"));
        long fallbackSeconds = created == null ? 0 : created / 1000;
        Map<String, Node> nodes = nodes();
        requireRoots(nodes);
        warnings.forEach(w -> sink.note(new ImportProblem(where, w)));
        List<String> active = activePath(nodes);
        Set<String> onActive = new HashSet<>(active);
        Map<String, Object> cache = new HashMap<>();

        Converted main = convert(active, nodes, fallbackSeconds, cache);
        // The whole tree is checked before anything is written: a malformed node on any branch means
        // nothing of the conversation is imported (unless the readable part was asked for). Each node is
        // converted once; the branches share the converted messages instead of copying them.
        List<Node> leaves = new ArrayList<>();
        List<String> branchProblems = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (main.problem != null) {
            problems.add(new ImportProblem(where, main.problem));
        }
        for (Node leaf : nodes.values()) {
            if (!leaf.children.isEmpty() || onActive.contains(leaf.id)) {
                continue;
            }
            String problem = convert(pathToRoot(leaf.id, nodes), nodes, fallbackSeconds, cache).problem;
            if (problem != null && problems.stream().noneMatch(p -> p.reason().equals(problem))) {
                problems.add(new ImportProblem(where, problem));
            }
            leaves.add(leaf);
            branchProblems.add(problem);
        }
        String partialReason = null;
        if (!problems.isEmpty()) {
            if (!partial || main.messages.isEmpty()) {
                sink.failed(name, problems);
                return;
            }
            problems.forEach(sink::note);
            if (main.problem != null) {
                partialReason = "only the readable part was imported: " + where + " " + main.problem;
            }
        }
        String mainTitle = title != null ? title : Titles.fromFirstUserText(main.messages);
        // An archived conversation stays archived (at its last update, else its creation).
        Long archivedAt = null;
        if (conversation.path("is_archived").asBoolean(false)) {
            Long updated = Timestamps.millis(conversation.get("update_time"));
            archivedAt = updated != null ? updated : created != null ? created : System.currentTimeMillis();
        }
        sink.session(new SourceSession(ChatGptReader.ORIGIN, id, name, mainTitle,
                mainTitle == null ? TitleSource.NONE : TitleSource.AUTO, null, created, archivedAt, null, null,
                main.messages, partialReason));
        if (partialReason != null) {
            return; // branches of a damaged active path are not guessed at
        }
        // A branch forks from the session holding the deepest node of its path (no prefix is stored twice).
        BranchForks forks = new BranchForks(id, active);
        for (int b = 0; b < leaves.size(); b++) {
            if (branchProblems.get(b) != null) {
                continue; // reported above; only with --partial do we get here
            }
            Node leaf = leaves.get(b);
            List<String> branchPath = pathToRoot(leaf.id, nodes);
            Converted branch = convert(branchPath, nodes, fallbackSeconds, cache);
            int deepestOwned = forks.deepestHeld(branchPath);
            int shared = 0;
            for (int i = 0; i <= deepestOwned; i++) {
                if (branch.converted.contains(branchPath.get(i))) {
                    shared++;
                }
            }
            if (branch.messages.size() <= shared) {
                continue; // the branch adds nothing visible beyond what its parent has
            }
            BranchForks.Fork fork = forks.fork(leaf.id, branchPath, deepestOwned);
            sink.session(new SourceSession(ChatGptReader.ORIGIN, fork.ref(), name + " branch " + leaf.id,
                    fork.title(mainTitle, "ChatGPT conversation"), TitleSource.AUTO, null, created, archivedAt,
                    fork.parentRef(), shared, branch.messages, null));
        }
    }

    /**
     * Every node must lead up to a root (a node without a parent in the mapping): a mapping whose
     * parent links close a cycle has no conversation to start from and is refused, naming a node on it.
     */
    private void requireRoots(Map<String, Node> nodes) throws MalformedChatGpt {
        Set<String> reachesRoot = new HashSet<>();
        for (Node start : nodes.values()) {
            List<String> walked = new ArrayList<>();
            Set<String> onWalk = new HashSet<>();
            for (String at = start.id; at != null && nodes.containsKey(at) && !reachesRoot.contains(at);
                 at = nodes.get(at).parent) {
                if (!onWalk.add(at)) {
                    throw new MalformedChatGpt(path + ".mapping[\"" + at + "\"].parent: the parent links form a closed cycle"
                            + " without a root (a node whose parent is null)");
                }
                walked.add(at);
            }
            reachesRoot.addAll(walked);
        }
    }

    private Map<String, Node> nodes() throws MalformedChatGpt {
        JsonNode mapping = conversation.get("mapping");
        if (mapping == null || !mapping.isObject()) {
            throw new MalformedChatGpt(path + ".mapping: must be an object of nodes");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String at = path + ".mapping[\"" + e.getKey() + "\"]";
            JsonNode n = e.getValue();
            if (!n.isObject()) {
                throw new MalformedChatGpt(at + ": a node must be an object");
            }
            JsonNode parent = n.get("parent");
            if (parent != null && !parent.isNull() && !parent.isTextual()) {
                throw new MalformedChatGpt(at + ".parent: must be a node id or null");
            }
            List<String> children = new ArrayList<>();
            JsonNode kids = n.get("children");
            if (kids != null && !kids.isNull()) {
                if (!kids.isArray()) {
                    throw new MalformedChatGpt(at + ".children: must be an array of node ids");
                }
                for (JsonNode k : kids) {
                    if (!k.isTextual()) {
                        throw new MalformedChatGpt(at + ".children: must be an array of node ids");
                    }
                    children.add(k.textValue());
                }
            }
            JsonNode message = n.get("message");
            if (message != null && !message.isNull() && !message.isObject()) {
                throw new MalformedChatGpt(at + ".message: must be an object or null");
            }
            nodes.put(e.getKey(), new Node(e.getKey(), parent == null || parent.isNull() ? null : parent.textValue(),
                    children, message == null || message.isNull() ? null : message));
        }
        // Children that are not in the mapping do not count: a leaf is a node with no known child.
        // Exports made since 2025 carry only the parent links: the children are derived from them, so
        // a node off the current path is not mistaken for a leaf (and a branch that is only a prefix
        // of another never appears).
        Map<String, List<String>> derived = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            if (n.parent != null && nodes.containsKey(n.parent)) {
                derived.computeIfAbsent(n.parent, k -> new ArrayList<>()).add(n.id);
            } else if (n.parent != null) {
                warnings.add(path + ".mapping[\"" + n.id + "\"].parent: \"" + n.parent
                        + "\" is not in the mapping; the conversation is taken to start again at this node");
            }
        }
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            List<String> known = new ArrayList<>(n.children.stream().filter(nodes::containsKey).toList());
            for (String child : derived.getOrDefault(n.id, List.of())) {
                if (!known.contains(child)) {
                    known.add(child);
                }
            }
            if (!known.equals(n.children)) {
                e.setValue(new Node(n.id, n.parent, known, n.message));
            }
        }
        return nodes;
    }

    /** Root → current_node; when current_node is missing or unknown, root → the last child at each step. */
    private List<String> activePath(Map<String, Node> nodes) throws MalformedChatGpt {
        String current = text(conversation, "current_node");
        if (current != null && nodes.containsKey(current)) {
            return pathToRoot(current, nodes);
        }
        Node root = nodes.values().stream().filter(n -> n.parent == null || !nodes.containsKey(n.parent))
                .findFirst().orElse(null);
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n = root; n != null && seen.add(n.id); ) {
            out.add(n.id);
            n = n.children.isEmpty() ? null : nodes.get(n.children.get(n.children.size() - 1));
        }
        return out;
    }

    private List<String> pathToRoot(String leaf, Map<String, Node> nodes) throws MalformedChatGpt {
        List<String> up = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id = leaf; id != null && nodes.containsKey(id); id = nodes.get(id).parent) {
            if (!seen.add(id)) {
                throw new MalformedChatGpt(path + ".mapping[\"" + id + "\"].parent: the parent links form a cycle");
            }
            up.add(id);
        }
        java.util.Collections.reverse(up);
        return up;
    }

    private static final class Converted {
        final List<NewMessage> messages = new ArrayList<>();
        final Set<String> converted = new HashSet<>();
        String problem;
    }

    /** Marks a node that converts to no message (system, hidden, empty) in the conversion cache. */
    private static final Object SKIPPED = new Object();

    /**
     * The messages of the nodes on {@code nodePath}; stops at the first malformed one. A node's message
     * depends only on the node and its ancestors, so {@code cache} (node id → message, SKIPPED or the
     * problem) lets every branch through a node share one converted message.
     */
    private Converted convert(List<String> nodePath, Map<String, Node> nodes, long fallbackSeconds,
                              Map<String, Object> cache) {
        Converted out = new Converted();
        long lastSeconds = fallbackSeconds;
        String openToolRequest = null;
        for (String nodeId : nodePath) {
            Node node = nodes.get(nodeId);
            if (node.message == null) {
                continue;
            }
            Object done = cache.get(nodeId);
            if (done == null) {
                try {
                    NewMessage m = ChatGptMessage.convert(node.message, path + ".mapping[\"" + nodeId + "\"].message", lastSeconds,
                            openToolRequest);
                    done = m == null ? SKIPPED : m;
                } catch (MalformedChatGpt e) {
                    done = e.getMessage();
                }
                cache.put(nodeId, done);
            }
            if (done instanceof String problem) {
                out.problem = problem;
                return out;
            }
            if (done instanceof NewMessage m) {
                out.messages.add(m);
                out.converted.add(nodeId);
                lastSeconds = m.created();
                // A tool call stays open for the tool's answer that follows it on this path.
                openToolRequest = m.contentJson().startsWith("[{") && m.contentJson().contains("\"type\":\"toolRequest\"")
                        ? m.messageId() : null;
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
