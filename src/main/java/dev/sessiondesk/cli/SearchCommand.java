package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.search.SearchHit;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = {
        "Full-text search over every message. Prints the matching sessions, best first, as \"ID  #SEQ  TITLE\" and,"
                + " indented, a snippet of the best matching message with the matches in **bold**.",
        "All words must occur (whole words; the last one also as a prefix). Sessions in the trash are left out."})
final class SearchCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The words to find.")
    List<String> words;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N sessions (default 20).")
    int limit;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            String query = String.join(" ", words);
            List<SearchHit> hits = desk.search().search(query, limit);
            PrintWriter out = out();
            for (SearchHit h : hits) {
                out.println(h.sessionId() + "  #" + h.seq() + "  " + (h.sessionTitle().isBlank() ? "New chat" : h.sessionTitle())
                        + (h.matchingMessages() > 1 ? "  (" + h.matchingMessages() + " messages match)" : ""));
                out.println("    " + h.snippet("**", "**").replaceAll("\\s+", " "));
            }
            out.println(hits.size() + (hits.size() == 1 ? " session matches" : " sessions match"));
            out.flush();
            return SessionDeskCommand.EXIT_OK;
        }
    }
}
