package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.TitleSource;
import java.util.ArrayList;
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
 *   <li>Every other leaf (an edited prompt, a regenerated answer) becomes a forked session holding
 *       the whole path from the root to that leaf, linked to the main session with
 *       {@code parent_session_id} and {@code parent_seq} = the number of messages it shares with it
 *       (the same shape as a fork made in SessionDesk). Its external ref is
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

    /** A message that could not be converted, located by JSON path. */
    private static final class Bad extends Exception {
        Bad(String message) {
            super(message);
        }
    }

    void emit(SessionSink sink) {
        String name = label + " " + path;
        try {
            emitChecked(sink, name);
        } catch (Bad e) {
            sink.failed(name, List.of(new ImportProblem(where, e.getMessage())));
        }
    }

    private void emitChecked(SessionSink sink, String name) throws Bad {
        if (!conversation.isObject()) {
            throw new Bad(path + ": a conversation must be a JSON object");
        }
        String id = text(conversation, "conversation_id");
        if (id == null) {
            id = text(conversation, "id");
        }
        if (id == null) {
            throw new Bad(path + ".id: missing (neither \"id\" nor \"conversation_id\" is a string)");
        }
        String title = Titles.collapseWhitespace(text(conversation, "title"));
        Long created = Timestamps.millis(conversation.get("create_time"));
        long fallbackSeconds = created == null ? 0 : created / 1000;
        Map<String, Node> nodes = nodes();
        List<String> active = activePath(nodes);
        Set<String> onActive = new HashSet<>(active);

        Converted main = convert(active, nodes, fallbackSeconds);
        // The whole tree is checked before anything is written: a malformed node on any branch means
        // nothing of the conversation is imported (unless the readable part was asked for).
        List<Node> leaves = new ArrayList<>();
        List<Converted> branches = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (main.problem != null) {
            problems.add(new ImportProblem(where, main.problem));
        }
        for (Node leaf : nodes.values()) {
            if (!leaf.children.isEmpty() || onActive.contains(leaf.id)) {
                continue;
            }
            Converted branch = convert(pathToRoot(leaf.id, nodes), nodes, fallbackSeconds);
            if (branch.problem != null && problems.stream().noneMatch(p -> p.reason().equals(branch.problem))) {
                problems.add(new ImportProblem(where, branch.problem));
            }
            leaves.add(leaf);
            branches.add(branch);
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
        sink.session(new SourceSession(ChatGptReader.ORIGIN, id, name, mainTitle,
                mainTitle == null ? TitleSource.NONE : TitleSource.AUTO, null, created, null, null, null,
                main.messages, partialReason));
        if (partialReason != null) {
            return; // branches of a damaged active path are not guessed at
        }
        int branchNo = 0;
        for (int b = 0; b < leaves.size(); b++) {
            Node leaf = leaves.get(b);
            Converted branch = branches.get(b);
            if (branch.problem != null) {
                continue; // reported above; only with --partial do we get here
            }
            List<String> branchPath = pathToRoot(leaf.id, nodes);
            int shared = 0;
            for (String nodeId : branchPath) {
                if (!onActive.contains(nodeId)) {
                    break;
                }
                if (branch.converted.contains(nodeId)) {
                    shared++;
                }
            }
            if (branch.messages.size() <= shared) {
                continue; // the branch adds nothing visible beyond what the main session has
            }
            branchNo++;
            String branchTitle = (mainTitle == null ? "ChatGPT conversation" : mainTitle) + " (branch " + branchNo + ")";
            sink.session(new SourceSession(ChatGptReader.ORIGIN, id + "#branch-" + leaf.id, name + " branch " + leaf.id,
                    branchTitle, TitleSource.AUTO, null, created, null, id, shared, branch.messages, null));
        }
    }

    private Map<String, Node> nodes() throws Bad {
        JsonNode mapping = conversation.get("mapping");
        if (mapping == null || !mapping.isObject()) {
            throw new Bad(path + ".mapping: must be an object of nodes");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String at = path + ".mapping[\"" + e.getKey() + "\"]";
            JsonNode n = e.getValue();
            if (!n.isObject()) {
                throw new Bad(at + ": a node must be an object");
            }
            JsonNode parent = n.get("parent");
            if (parent != null && !parent.isNull() && !parent.isTextual()) {
                throw new Bad(at + ".parent: must be a node id or null");
            }
            List<String> children = new ArrayList<>();
            JsonNode kids = n.get("children");
            if (kids != null && !kids.isNull()) {
                if (!kids.isArray()) {
                    throw new Bad(at + ".children: must be an array of node ids");
                }
                for (JsonNode k : kids) {
                    if (!k.isTextual()) {
                        throw new Bad(at + ".children: must be an array of node ids");
                    }
                    children.add(k.textValue());
                }
            }
            JsonNode message = n.get("message");
            if (message != null && !message.isNull() && !message.isObject()) {
                throw new Bad(at + ".message: must be an object or null");
            }
            nodes.put(e.getKey(), new Node(e.getKey(), parent == null || parent.isNull() ? null : parent.textValue(),
                    children, message == null || message.isNull() ? null : message));
        }
        // Children that are not in the mapping do not count: a leaf is a node with no known child.
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            List<String> known = n.children.stream().filter(nodes::containsKey).toList();
            if (known.size() != n.children.size()) {
                e.setValue(new Node(n.id, n.parent, known, n.message));
            }
        }
        return nodes;
    }

    /** Root → current_node; when current_node is missing or unknown, root → the last child at each step. */
    private List<String> activePath(Map<String, Node> nodes) throws Bad {
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

    private List<String> pathToRoot(String leaf, Map<String, Node> nodes) throws Bad {
        List<String> up = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id = leaf; id != null && nodes.containsKey(id); id = nodes.get(id).parent) {
            if (!seen.add(id)) {
                throw new Bad(path + ".mapping[\"" + id + "\"].parent: the parent links form a cycle");
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

    /** The messages of the nodes on {@code nodePath}; stops at the first malformed one. */
    private Converted convert(List<String> nodePath, Map<String, Node> nodes, long fallbackSeconds) {
        Converted out = new Converted();
        long lastSeconds = fallbackSeconds;
        for (String nodeId : nodePath) {
            Node node = nodes.get(nodeId);
            if (node.message == null) {
                continue;
            }
            try {
                NewMessage m = message(node.message, path + ".mapping[\"" + nodeId + "\"].message", lastSeconds);
                if (m != null) {
                    out.messages.add(m);
                    out.converted.add(nodeId);
                    lastSeconds = m.created();
                }
            } catch (Bad e) {
                out.problem = e.getMessage();
                return out;
            }
        }
        return out;
    }

    /** One ChatGPT message as a Goose-shaped message, or null when it is not shown in the conversation. */
    private NewMessage message(JsonNode m, String at, long fallbackSeconds) throws Bad {
        JsonNode author = m.get("author");
        if (author == null || !author.isObject() || !author.path("role").isTextual()) {
            throw new Bad(at + ".author.role: missing or not a string");
        }
        String role = author.get("role").textValue();
        if ("system".equals(role) || m.path("metadata").path("is_visually_hidden_from_conversation").asBoolean(false)) {
            return null;
        }
        JsonNode createTime = m.get("create_time");
        if (createTime != null && !createTime.isNull() && !createTime.isNumber()) {
            throw new Bad(at + ".create_time: must be a number or null");
        }
        Long createdMs = Timestamps.millis(createTime);
        long created = createdMs == null ? fallbackSeconds : createdMs / 1000;
        ArrayNode items = content(m.get("content"), at + ".content");
        if (items.isEmpty()) {
            return null;
        }
        String messageId = m.path("id").isTextual() ? m.get("id").textValue() : null;
        Role r;
        switch (role) {
            case "user" -> r = Role.USER;
            case "assistant" -> r = Role.ASSISTANT;
            case "tool" -> {
                r = Role.ASSISTANT;
                ObjectNode response = CanonicalJson.MAPPER.createObjectNode();
                response.put("type", "toolResponse");
                response.put("id", messageId == null ? "chatgpt-tool" : messageId);
                ObjectNode result = response.putObject("toolResult");
                result.put("status", "success");
                result.putObject("value").set("content", items);
                ObjectNode meta = response.putObject("_meta");
                meta.put("source", "chatgpt");
                if (author.path("name").isTextual()) {
                    meta.put("tool", author.get("name").textValue());
                }
                items = CanonicalJson.MAPPER.createArrayNode().add(response);
            }
            default -> throw new Bad(at + ".author.role: \"" + role + "\" is not system, user, assistant or tool");
        }
        return new NewMessage(messageId, r, created, CanonicalJson.write(items), true, true);
    }

    private ArrayNode content(JsonNode content, String at) throws Bad {
        if (content == null || !content.isObject() || !content.path("content_type").isTextual()) {
            throw new Bad(at + ".content_type: missing or not a string");
        }
        String type = content.get("content_type").textValue();
        ArrayNode items = CanonicalJson.MAPPER.createArrayNode();
        switch (type) {
            case "text", "multimodal_text" -> {
                JsonNode parts = content.get("parts");
                if (parts == null || !parts.isArray()) {
                    throw new Bad(at + ".parts: must be an array");
                }
                int i = 0;
                for (JsonNode part : parts) {
                    if (part.isTextual()) {
                        if (!part.textValue().isEmpty()) {
                            items.add(ContentItems.textItem(part.textValue()));
                        }
                    } else if (part.isObject()) {
                        ObjectNode kept = CanonicalJson.MAPPER.createObjectNode();
                        kept.put("type", "chatgptPart");
                        kept.set("part", part);
                        items.add(kept);
                    } else if (!part.isNull()) {
                        throw new Bad(at + ".parts[" + i + "]: must be a string or an object");
                    }
                    i++;
                }
            }
            case "code" -> {
                String code = stringField(content, "text", at);
                String language = content.path("language").isTextual() ? content.get("language").textValue() : "";
                if ("unknown".equals(language)) {
                    language = "";
                }
                if (code != null && !code.isEmpty()) {
                    items.add(ContentItems.textItem("```" + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + "```"));
                }
            }
            case "execution_output" -> {
                String output = stringField(content, "text", at);
                if (output != null && !output.isEmpty()) {
                    items.add(ContentItems.textItem(output));
                }
            }
            default -> {
                ObjectNode kept = CanonicalJson.MAPPER.createObjectNode();
                kept.put("type", "chatgptContent");
                kept.set("content", content);
                items.add(kept);
            }
        }
        return items;
    }

    private static String stringField(JsonNode node, String field, String at) throws Bad {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Bad(at + "." + field + ": must be a string");
        }
        return v.textValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
