package dev.sessiondesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List sessions, pinned first, then the most recently active.")
final class ListCommand extends StoreCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;
    @Option(names = "--trash", description = "List the sessions in the trash.")
    boolean trash;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            List<Session> sessions = desk.sessions().list(trash ? SessionQuery.trash() : SessionQuery.all());
            var out = out();
            if (json) {
                ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
                for (Session s : sessions) {
                    ObjectNode o = array.addObject();
                    o.put("id", s.id());
                    o.put("title", s.title());
                    o.put("title_source", s.titleSource().wire());
                    o.put("message_count", s.messageCount());
                    o.put("head_hash", s.headHash());
                    o.put("working_dir", s.workingDir());
                    o.put("created_at", s.createdAt());
                    o.put("updated_at", s.updatedAt());
                    o.put("last_activity", s.lastActivity());
                    o.put("pinned", s.pinned());
                    o.put("archived", s.archived());
                    o.put("in_trash", s.inTrash());
                    o.put("active", s.active());
                }
                out.println(array.toPrettyString());
            } else {
                for (Session s : sessions) {
                    out.printf("%s  %5d  %s  %s%s%n", s.id(), s.messageCount(),
                            Instant.ofEpochMilli(s.lastActivity()).toString().substring(0, 16).replace('T', ' '),
                            s.displayTitle(), s.pinned() ? "  [pinned]" : "");
                }
            }
            out.flush();
            return 0;
        }
    }
}
