package dev.sessiondesk.app.importer;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.util.List;

/**
 * One session read from a source, ready to be written in one transaction. Readers hand these over
 * one at a time and forget them, so an import never holds more than one source session in memory.
 *
 * @param origin        which tool it came from ("goose", "chatgpt"); with {@code externalRef} it is
 *                      the session's identity across imports
 * @param label         where it was read, for messages ("sessions/20240101_1.jsonl")
 * @param titleSource   USER only when the source says a person chose the title; AUTO otherwise, so
 *                      SessionDesk's own titling and later syncs may still improve it
 * @param createdAt     Unix milliseconds, or null for "now"
 * @param archivedAt    Unix milliseconds, or null
 * @param parentRef     external ref (same origin) of the session this one was forked from, or null
 * @param parentSeq     how many leading messages it shares with that parent, or null
 * @param partialReason null for a whole session; otherwise why only a readable prefix is here
 */
public record SourceSession(
        String origin,
        String externalRef,
        String label,
        String title,
        TitleSource titleSource,
        String workingDir,
        Long createdAt,
        Long archivedAt,
        String parentRef,
        Integer parentSeq,
        List<NewMessage> messages,
        String partialReason) {

    public SourceSession {
        messages = List.copyOf(messages);
    }
}
