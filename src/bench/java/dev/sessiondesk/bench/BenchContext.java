package dev.sessiondesk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every benchmark gets: the settings, a scratch folder of its own, a progress log and shared notes. */
public final class BenchContext {
    private final BenchConfig config;
    private final PrintStream progress;
    private final List<String> notes = new ArrayList<>();
    private LargeStore largeStore;

    public BenchContext(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchConfig config() {
        return config;
    }

    /** An empty folder for one benchmark under the bench data folder. */
    public Path workDir(String name) throws IOException {
        Path dir = config.dataDir().resolve(name);
        Cleanup.deleteTree(dir);
        return Files.createDirectories(dir);
    }

    public void log(String line) {
        progress.println(line);
        progress.flush();
    }

    /** A line for the notes under the table (how a figure was taken, why a target is missed). */
    public void note(String line) {
        notes.add(line);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The large generated store, seeded on first use and shared by the benchmarks that read it. */
    public LargeStore largeStore() throws IOException {
        if (largeStore == null) {
            largeStore = LargeStore.seed(this);
        }
        return largeStore;
    }

    void closeShared() {
        if (largeStore != null) {
            largeStore.close();
            largeStore = null;
        }
    }
}
