package dev.sessiondesk.app.windows;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings the user chose to keep as they are ("Keep as it is" on a window's banner), one key a
 * line in {@code accepted-findings} in the data folder (0600). A window whose session shows exactly
 * such a finding is shown without asking again; a new or different change asks again.
 *
 * <p>A key covers the session's whole set of findings (see {@code FingerprintCheck}). Files written
 * before that hold keys of four parts (session/seq/change/head), which named only the first damaged
 * message: they are still read and kept, but match no finding any more, so such a session asks once
 * more (those keys cannot tell whether something changed since the user kept it).
 */
public final class AcceptedFindings {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedFindings.class);
    public static final String FILE_NAME = "accepted-findings";

    private final Path file;

    public AcceptedFindings(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** Whether the user already chose to keep this finding. Never throws: an unreadable file asks again. */
    public synchronized boolean contains(Finding finding) {
        return read().contains(finding.key());
    }

    /** Remembers the user's choice; call off the UI thread. */
    public synchronized void accept(Finding finding) throws IOException {
        Set<String> keys = read();
        if (keys.add(finding.key())) {
            PrivateFiles.writeAtomically(file, (String.join("\n", keys) + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info("the user keeps session {} as it is ({} at message {})", finding.sessionId(), finding.change(),
                    finding.seq());
        }
    }

    private Set<String> read() {
        Set<String> keys = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    keys.add(line.strip());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {} ({}); asking about every finding again", file, e.getMessage());
        }
        return keys;
    }
}
