package dev.sessiondesk.bench;

import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify} (recomputing hash chains from the stored rows) against the floor it cannot beat:
 * SHA-256 over the very same canonical bytes already in memory. Both run over the same sessions of the
 * large store (the long one first, then others until {@code bench.verifyBytes} is reached), alternately.
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
        Samples concatenated = new Samples();
        int repeats = cfg.quick() ? 3 : 5;
        byte[] sink = null;
        for (int i = -1; i < repeats; i++) { // one warm-up round
            long t = System.nanoTime();
            for (String id : sessions) {
                ChainReport r = store.verifier().verifySession(id);
                if (!r.ok()) {
                    throw new IllegalStateException("the generated store does not verify: " + r);
                }
            }
            long verifyTook = System.nanoTime() - t;
            // Hash the bytes as many times as it takes to run as long as verify did: on a shared machine a
            // short burst is scheduled more kindly than a long run, which would flatter the baseline.
            t = System.nanoTime();
            int passes = 0;
            do {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] b : canonical) {
                    sha.update(b);
                }
                sink = sha.digest();
                passes++;
            } while (System.nanoTime() - t < verifyTook);
            long rawTook = (System.nanoTime() - t) / passes;
            t = System.nanoTime();
            for (String id : sessions) {
                ConcatenatedChainCheck.check(store, id);
            }
            long concatenatedTook = System.nanoTime() - t;
            if (i >= 0) {
                verify.add(verifyTook);
                raw.add(rawTook);
                concatenated.add(concatenatedTook);
            }
        }
        double verifySeconds = verify.medianSeconds();
        double rawSeconds = raw.medianSeconds();
        ctx.note(String.format("Verify: %,d sessions, %,d messages, %,d MB of canonical JSON; median of %d runs each"
                        + " (the raw SHA-256 repeats its pass until it has run as long as verify, digest %02x…). A prototype that hashes the stored (already canonical) content as the UTF-8"
                        + " bytes SQLite returns, with the few other fields spliced around it, instead of parsing and"
                        + " re-writing the message JSON, recomputes the same hashes"
                        + " (checked against every stored hash) at %s, %s of raw (see ConcatenatedChainCheck).",
                sessions.size(), messages, bytes / 1_000_000, repeats, sink[0],
                Format.mbPerSecond(bytes, concatenated.medianSeconds()),
                Format.ratio(rawSeconds / concatenated.medianSeconds())));
        return List.of(Figure.measured(ROW, Format.mbPerSecond(bytes, verifySeconds), bytes / 1e6 / verifySeconds,
                "SHA-256 of the same bytes in memory " + Format.mbPerSecond(bytes, rawSeconds), rawSeconds / verifySeconds,
                TARGET, null));
    }
}
