package dev.sessiondesk.bench;

import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.store.StoreReport;
import dev.sessiondesk.store.Store;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify} (recomputing hash chains from the stored rows) against the floor it cannot beat:
 * SHA-256 over the very same canonical bytes already in memory. Both run over the same sessions of the
 * large store: verify over the whole store, the raw hash over a sample of its bytes (the long session first,
 * then others until {@code bench.verifyBytes}), alternately, compared as throughput.
 */
final class VerifyThroughputBenchmark implements Benchmark {
    private static final String ROW = "`verify` throughput (hash chains recomputed from the store)";
    private static final Target TARGET = new Target("≥ 50% of raw (0.5×)", Target.Basis.RATIO, Target.Bound.AT_LEAST, 0.5);

    @Override
    public String name() {
        return "verify throughput vs raw SHA-256";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        LargeStore large = ctx.largeStore();
        Store store = large.store();
        List<String> sessions = new ArrayList<>();
        List<byte[]> canonical = new ArrayList<>();
        long bytes = 0;
        long messages = 0;
        for (CorpusSeeder.SeededSession s : large.corpus().sessions()) {
            if (bytes >= cfg.verifyBytes()) {
                break;
            }
            sessions.add(s.id());
            for (Message m : store.messages().list(s.id())) {
                byte[] b = GooseMessages.canonicalBytes(m.body());
                canonical.add(b);
                bytes += b.length;
                messages++;
            }
        }
        Samples verify = new Samples();
        Samples raw = new Samples();
        long storeBytes = 0;
        long storeMessages = 0;
        int repeats = cfg.quick() ? 3 : 5;
        byte[] sink = null;
        // Warm-up rounds: a quick store's verify is ~0.1 s, so one round leaves the scan partly interpreted
        // (on a loaded machine the JIT's threads wait for a core too); the full store's first round suffices.
        int warmUps = cfg.quick() ? 4 : 1;
        for (int i = -warmUps; i < repeats; i++) {
            long t = System.nanoTime();
            StoreReport report = store.verifier().verifyChains();
            long verifyTook = System.nanoTime() - t;
            if (!report.problems().isEmpty()) {
                throw new IllegalStateException("the generated store does not verify: " + report.problems().get(0));
            }
            storeBytes = report.bytesHashed();
            storeMessages = report.messagesChecked();
            // Hash the sample as many times as it takes to run as long as verify did: on a shared machine a
            // short burst is scheduled more kindly than a long run, which would flatter the baseline.
            t = System.nanoTime();
            long hashed = 0;
            do {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] b : canonical) {
                    sha.update(b);
                }
                sink = sha.digest();
                hashed += bytes;
            } while (System.nanoTime() - t < verifyTook);
            long rawTook = System.nanoTime() - t;
            if (i >= 0) {
                verify.add(Math.round(verifyTook * 1e9 / storeBytes)); // ns per GB
                raw.add(Math.round(rawTook * 1e9 / hashed));
            }
        }
        double verifySecondsPerGb = verify.medianSeconds();
        double rawSecondsPerGb = raw.medianSeconds();
        ctx.note(String.format("Verify: the whole store's chains (%,d messages, %,d MB of canonical JSON) in parts of"
                        + " sessions, each scanned in (session, seq) order and hashed on the thread reading it (%d threads from"
                        + " Workers, pages memory-mapped, each row five plain values with the content as bytes, the session"
                        + " boundaries counted from the index); median of %d runs after %d warm-up rounds. Raw: one"
                        + " thread's SHA-256 over %,d MB of the same canonical bytes held in memory (%,d messages of"
                        + " %,d sessions), repeated for as long as verify ran (digest %02x…).",
                storeMessages, storeBytes / 1_000_000, Runtime.getRuntime().availableProcessors(), repeats, warmUps,
                bytes / 1_000_000, messages, sessions.size(), sink[0]));
        return List.of(Figure.measured(ROW, String.format("%.1f MB/s", 1e3 / verifySecondsPerGb),
                1e3 / verifySecondsPerGb, String.format("SHA-256 of the same bytes in memory %.1f MB/s", 1e3 / rawSecondsPerGb),
                rawSecondsPerGb / verifySecondsPerGb, TARGET, null));
    }
}
