package dev.sessiondesk.app.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-run question "import the Goose sessions found at their default place?": asked once per
 * data folder, never answered for the user. The answer is kept in {@value #FILE_NAME} in the data
 * folder (beside the store it is about), so a restore or a second machine's copy keeps it too.
 */
public final class GooseImportOffer {
    private static final Logger LOG = LoggerFactory.getLogger(GooseImportOffer.class);
    public static final String FILE_NAME = "goose-import-offer.json";

    public enum Answer { IMPORT, DECLINED }

    private final Path file;
    private final GooseSessionsFinder finder;
    private final Clock clock;

    public GooseImportOffer(Path dataDir, GooseSessionsFinder finder, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.finder = finder;
        this.clock = clock;
    }

    /** What to offer now: empty once the question was answered, or when there is nothing to import. */
    public Optional<GooseSessionsFinder.Finding> pending() {
        if (answer().isPresent()) {
            return Optional.empty();
        }
        return finder.find();
    }

    public Optional<Answer> answer() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = CanonicalJson.MAPPER.readTree(Files.readAllBytes(file));
            return Optional.of(Answer.valueOf(n.path("answer").asText()));
        } catch (IOException | IllegalArgumentException e) {
            // A damaged answer is treated as given (declined): asking again every start would nag.
            LOG.warn("{} cannot be read ({}); not offering the Goose import again", file, e.getMessage());
            return Optional.of(Answer.DECLINED);
        }
    }

    public void remember(Answer answer, Path folder) throws IOException {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("answer", answer.name());
        o.put("folder", folder == null ? null : folder.toString());
        o.put("answered_at", clock.instant().toString());
        PrivateFiles.writeAtomically(file, CanonicalJson.write(o).getBytes(StandardCharsets.UTF_8));
    }
}
