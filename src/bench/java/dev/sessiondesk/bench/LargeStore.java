package dev.sessiondesk.bench;

import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The large generated store the read figures use (session list, open, search, verify, backup): by
 * default 10,000 sessions, one of them {@code longSession} messages long and one exactly
 * {@value #SHORT_SESSION} messages long (the baseline for "open").
 */
public final class LargeStore implements AutoCloseable {
    static final int SHORT_SESSION = 100;

    private final Store store;
    private final CorpusSeeder.SeededCorpus corpus;
    private final Path dir;

    private LargeStore(Store store, CorpusSeeder.SeededCorpus corpus, Path dir) {
        this.store = store;
        this.corpus = corpus;
        this.dir = dir;
    }

    static LargeStore seed(BenchContext ctx) throws IOException {
        BenchConfig cfg = ctx.config();
        CorpusShape shape = new CorpusShape(cfg.storeSessions(), cfg.storeMessages(),
                List.of(cfg.longSession(), SHORT_SESSION));
        Path dir = ctx.workDir("large");
        ctx.log("seeding the large store: " + shape);
        // As the app opens it: a verify hashes on threads from Workers beside the calling one.
        Store store = Store.open(dir, Store.Options.defaults().withScanThreads(Workers.logging().threads("verify-scan", true)));
        CorpusSeeder.SeededCorpus corpus = new CorpusSeeder(cfg.seed()).seed(store, shape, ctx::log);
        double seconds = corpus.elapsedNanos() / 1e9;
        long bytes = Files.size(store.dbFile());
        ctx.log(String.format("  seeded in %.0f s (%,.0f messages/s), %,d MB", seconds, shape.messages() / seconds,
                bytes / 1_000_000));
        ctx.note(String.format("Large store: %s, %,d MB on disk, seeded through the store's writer in one"
                + " transaction per group of sessions, with the rows `appendAll` writes (hash chains and search index;"
                + " BenchHarnessTest pins that they are identical) in %.0f s (%,.0f messages/s).", shape, bytes / 1_000_000, seconds,
                shape.messages() / seconds));
        return new LargeStore(store, corpus, dir);
    }

    public Store store() {
        return store;
    }

    public CorpusSeeder.SeededCorpus corpus() {
        return corpus;
    }

    public Path dir() {
        return dir;
    }

    public String longSessionId() {
        return corpus.session(0).id();
    }

    public String shortSessionId() {
        return corpus.session(1).id();
    }

    @Override
    public void close() {
        store.close();
    }
}
