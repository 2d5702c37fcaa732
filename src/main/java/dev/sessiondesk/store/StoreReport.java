package dev.sessiondesk.store;

import java.util.List;

/** What a whole-store verify found: SQLite's own check plus every session's chain. */
public record StoreReport(String sqliteCheck, List<ChainReport> chains, long bytesHashed) {

    public boolean ok() {
        return "ok".equals(sqliteCheck) && chains.stream().allMatch(ChainReport::ok);
    }

    public List<ChainReport> problems() {
        return chains.stream().filter(r -> !r.ok()).toList();
    }

    public int messagesChecked() {
        return chains.stream().mapToInt(ChainReport::messagesChecked).sum();
    }
}
