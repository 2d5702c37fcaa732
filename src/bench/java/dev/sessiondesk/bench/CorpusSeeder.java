package dev.sessiondesk.bench;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fills a store with a generated corpus through the store's single writer, never around the hash
 * chain. {@link WritePath#APPEND_ALL} uses {@code SessionStore.create} and {@code MessageLog.appendAll}
 * (one transaction per chunk of a session), exactly as an importer would; {@link WritePath#BULK} (the
 * default) writes the same rows but commits a group of small sessions at once and chains them on the
 * producer threads, because at 10,000 sessions the per-session commits alone would take minutes of
 * fsync on a shared disk. Two producer threads generate the next group while the writer commits.
 */
public final class CorpusSeeder {
    /** Messages per transaction by default: bounds memory for long sessions with 50 KB tool outputs. */
    static final int DEFAULT_CHUNK = 1_000;

    /** How messages reach the store; both keep the hash chain and the search index. */
    public enum WritePath {
        /** {@code MessageLog.appendAll}, exactly as an importer would. */
        APPEND_ALL,
        /** {@link BulkAppender}: the same rows, chained and canonicalised on the producer threads. */
        BULK
    }

    private final ConversationGenerator generator;
    private final long seed;
    private final WritePath path;
    private final int chunk;

    public CorpusSeeder(long seed) {
        this(seed, WritePath.BULK, DEFAULT_CHUNK);
    }

    public CorpusSeeder(long seed, WritePath path, int chunk) {
        this.seed = seed;
        this.path = path;
        this.chunk = chunk;
        this.generator = new ConversationGenerator(seed);
    }

    public ConversationGenerator generator() {
        return generator;
    }

    /** One generated session as stored. */
    public record SeededSession(int index, String id, int messageCount, String headHash) {
    }

    /** What was written and how long it took. */
    public record SeededCorpus(CorpusShape shape, List<SeededSession> sessions, long elapsedNanos) {
        public SeededSession session(int index) {
            return sessions.get(index);
        }
    }

    /** Sessions per seeding task: one transaction for many small sessions (BULK), bounded in messages. */
    static final int GROUP_MESSAGES = 2_000;
    static final int GROUP_SESSIONS = 100;

    public SeededCorpus seed(Store store, CorpusShape shape, Consumer<String> progress) {
        int[] lengths = shape.lengths(seed);
        long start = System.nanoTime();
        ExecutorService producers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-corpus-producer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<SeededSession>>> pending = new ArrayList<>();
            int from = 0;
            while (from < lengths.length) {
                int to = from;
                long messages = 0;
                do {
                    messages += lengths[to++];
                } while (to < lengths.length && to - from < GROUP_SESSIONS && messages + lengths[to] <= GROUP_MESSAGES);
                int groupFrom = from;
                int groupTo = to;
                pending.add(producers.submit(() -> writeGroup(store, lengths, groupFrom, groupTo)));
                from = to;
            }
            List<SeededSession> out = new ArrayList<>(lengths.length);
            long written = 0;
            long step = Math.max(1, shape.messages() / 10);
            long nextReport = step;
            for (Future<List<SeededSession>> f : pending) {
                for (SeededSession s : f.get()) {
                    out.add(s);
                    written += s.messageCount();
                }
                if (written >= nextReport) {
                    progress.accept(String.format("  seeded %,d of %,d messages (%.0f s)", written, shape.messages(),
                            (System.nanoTime() - start) / 1e9));
                    nextReport = (written / step + 1) * step;
                }
            }
            return new SeededCorpus(shape, List.copyOf(out), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the corpus", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding the corpus failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            producers.shutdownNow();
        }
    }

    private List<SeededSession> writeGroup(Store store, int[] lengths, int from, int to) {
        List<SeededSession> out = new ArrayList<>(to - from);
        if (path == WritePath.APPEND_ALL) {
            for (int i = from; i < to; i++) {
                out.add(writeSession(store, i, lengths[i]));
            }
            return out;
        }
        List<BulkAppender.PreparedSession> group = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            List<NewMessage> first = generator.conversation(i, 0, Math.min(chunk, lengths[i]));
            group.add(new BulkAppender.PreparedSession(Ids.newSessionId(), spec(i),
                    BulkAppender.prepare(1, Fingerprint.GENESIS, first)));
        }
        BulkAppender.createAll(store, group);
        for (int i = from; i < to; i++) {
            BulkAppender.PreparedSession s = group.get(i - from);
            out.add(continueSession(store, s.id(), i, lengths[i], s.firstChunk().messages().size(), s.firstChunk().head()));
        }
        return out;
    }

    /** Creates session {@code index} and appends its {@code length} generated messages. */
    public SeededSession writeSession(Store store, int index, int length) {
        Session session = store.sessions().create(spec(index));
        return continueSession(store, session.id(), index, length, 0, Fingerprint.GENESIS);
    }

    /** Appends messages {@code done}..{@code length-1} of conversation {@code index} to a session holding the rest. */
    private SeededSession continueSession(Store store, String id, int index, int length, int done, String headSoFar) {
        String head = headSoFar;
        int count = done;
        for (int from = done; from < length; from += chunk) {
            List<NewMessage> slice = generator.conversation(index, from, Math.min(chunk, length - from));
            AppendResult last;
            if (path == WritePath.APPEND_ALL) {
                List<AppendResult> results = store.messages().appendAll(id, slice);
                last = results.get(results.size() - 1);
            } else {
                last = BulkAppender.write(store, id, BulkAppender.prepare(from + 1, head, slice));
            }
            head = last.hash();
            count = last.seq();
        }
        return new SeededSession(index, id, count, head);
    }

    private NewSession spec(int index) {
        return new NewSession(title(index), "/home/dev/project-" + (index % 50), "bench", "bench-" + seed + "-" + index,
                ConversationGenerator.EPOCH_SECONDS * 1000 + index * 60_000L);
    }

    private String title(int index) {
        var r = new java.util.SplittableRandom(seed + index);
        return "Session " + index + ": " + generator.vocabulary().prose(r, 20 + r.nextInt(30));
    }
}
