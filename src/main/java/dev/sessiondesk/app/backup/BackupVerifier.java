package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.ReferenceChecks;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * Proves a backup file is a good copy: it opens as a SessionDesk store (read-only), every page of every
 * b-tree checks out ({@link ReferenceChecks#pageCheck}: SQLite's {@code quick_check} of each table, FTS5's
 * shadow tables included, but not FTS5's re-reading of the whole search index — derived data, rebuilt
 * from the messages if a restore finds it wrong), every session's hash chain recomputes to its recorded
 * head, and — when compared with the live store — it holds every session the live store had when the
 * copy started, with at least the messages it had then, and each of its heads is the live chain's hash
 * at that position (the copy is a prefix of the live conversation, never a different one).
 */
final class BackupVerifier {

    /** What a verified copy holds. */
    record Verified(int schemaVersion, Map<String, Fingerprint> sessions) {
    }

    /**
     * Verifies the file on its own; the problems list is empty when it is good. With {@code threads}
     * the page check runs on one of them beside the chain scan (which takes more): side by side they
     * take about as long as the slower one, not the sum.
     */
    static Verified verify(Path file, Progress progress, List<String> problems, ThreadFactory threads) {
        try (Store copy = Store.openReadOnly(file, threads)) {
            progress.update(0, UserText.of("progress", "backup.checkingCopy"));
            CompletableFuture<String> pages = new CompletableFuture<>();
            Runnable pageCheck = () -> {
                try {
                    pages.complete(new ReferenceChecks(copy).pageCheck());
                } catch (RuntimeException | Error e) {
                    pages.completeExceptionally(e);
                }
            };
            if (threads != null) {
                threads.newThread(pageCheck).start();
            }
            StoreFigures figures = null;
            List<ChainReport> bad = List.of();
            StoreException unreadable = null;
            try {
                figures = StoreFigures.of(copy);
                bad = copy.verifier().verifyChains().problems();
            } catch (StoreException e) {
                unreadable = e; // a damaged page the scan ran into: the page check names it
            }
            if (threads == null) {
                pageCheck.run();
            }
            String check = join(pages);
            if (!"ok".equals(check)) {
                problems.add("SQLite quick_check of the copy: " + check);
                return new Verified(copy.schemaVersion(), Map.of());
            }
            if (unreadable != null) {
                throw unreadable;
            }
            for (ChainReport r : bad) {
                problems.add("in the copy, " + r);
            }
            progress.update(1, UserText.of("progress", "verify.verified", figures.sessions().size()));
            return new Verified(copy.schemaVersion(), figures.sessions());
        } catch (StoreException e) {
            problems.add("the copy cannot be read: " + e.getMessage());
            return new Verified(0, Map.of());
        }
    }

    private static String join(CompletableFuture<String> check) {
        try {
            return check.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof StoreException se ? se : e;
        }
    }

    /**
     * Compares a copy with the live store: {@code before} are the live figures read just before the
     * copy started; {@code live} is the live store now (it may have grown meanwhile).
     */
    static void compareWithLive(Map<String, Fingerprint> copy, StoreFigures before, Store live, List<String> problems) {
        for (Map.Entry<String, Fingerprint> e : before.sessions().entrySet()) {
            String id = e.getKey();
            Fingerprint then = e.getValue();
            Fingerprint copied = copy.get(id);
            if (copied == null) {
                if (live.sessions().get(id).isPresent()) {
                    problems.add("session " + id + " (" + then.messageCount() + " messages) is missing from the copy");
                }
                continue; // purged while the copy was made: not a loss the copy can be blamed for
            }
            if (copied.messageCount() < then.messageCount()) {
                problems.add("session " + id + " has " + copied.messageCount() + " messages in the copy but had "
                        + then.messageCount() + " before the copy started");
            } else if (copied.messageCount() == then.messageCount() && !copied.headHash().equals(then.headHash())) {
                problems.add("session " + id + " ends in a different head hash in the copy than in the live store");
            }
        }
        // The live heads at the copy's counts, read in one snapshot (one read per session cost seconds), for
        // the sessions not already proven: a session whose copy ends where the live one ended before the copy
        // started, in the same head, is the live chain up to there (checked just above).
        Map<String, Integer> counts = new java.util.HashMap<>();
        copy.forEach((id, fp) -> {
            Fingerprint then = before.sessions().get(id);
            boolean proven = then != null && then.messageCount() == fp.messageCount()
                    && java.util.Objects.equals(then.headHash(), fp.headHash());
            if (fp.messageCount() > 0 && !proven) {
                counts.put(id, fp.messageCount());
            }
        });
        Map<String, String> liveHashes = live.messages().hashesAt(counts);
        List<String> ids = new ArrayList<>(counts.keySet());
        java.util.Collections.sort(ids);
        for (String id : ids) {
            if (!liveHashes.containsKey(id)) {
                continue; // purged from the live store since
            }
            if (!copy.get(id).headHash().equals(liveHashes.get(id))) {
                problems.add("session " + id + ": message " + copy.get(id).messageCount()
                        + " in the copy does not match the live store's chain");
            }
        }
    }

    private BackupVerifier() {
    }
}
