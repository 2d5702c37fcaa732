package dev.sessiondesk.app.importer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.JsonLocations;
import dev.sessiondesk.app.importer.SafePaths;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.AgentSessionStore;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreTx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Brings the sessions an agent keeps under {@code <project>/agents/sessions/<slug>/} into the store
 * and keeps them in step: a new slug folder becomes a session (origin "agents", external ref = its
 * folder, working folder = the project), a changed {@code state.json} title or status updates it,
 * and a folder gone from disk marks its session missing (never deletes it).
 *
 * <p>Titles come from the agent, so they are stored as automatic titles and later changes replace them
 * with a compare-and-set that never overwrites a title the user gave in SessionDesk (P5).
 * Nothing is ever written into the project folder; slug folders, {@code agents} or {@code sessions}
 * that are symbolic links leading outside the project are refused.
 */
public final class AgentProjectSync {
    static final String ORIGIN = "agents";
    /** state.json is a small metadata file; anything larger is not one. */
    static final long MAX_STATE_BYTES = 1024 * 1024;

    private final Store store;
    private final AgentSessionStore rows;

    public AgentProjectSync(Store store) {
        this.store = store;
        this.rows = new AgentSessionStore(store);
    }

    /** Scans one project and applies what changed (or with {@code dryRun}, only counts it). */
    public AgentSyncReport sync(Path project, boolean dryRun) {
        Path real;
        try {
            real = project.toRealPath();
        } catch (IOException e) {
            return missingProject(project, dryRun);
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportProblem> notes = new ArrayList<>();
        Map<String, State> present = new HashMap<>();
        TreeSet<String> unreadable = new TreeSet<>();
        Path sessions = real.resolve("agents").resolve("sessions");
        boolean listed = false;
        if (Files.isDirectory(sessions)) {
            try {
                SafePaths.inside(real, sessions);
                listed = true;
                scan(real, sessions, present, unreadable, problems, notes);
            } catch (SafePaths.RefusedPathException e) {
                problems.add(new ImportProblem(e.where(), e.reason()));
            } catch (IOException e) {
                problems.add(new ImportProblem(sessions.toString(), UserText.of("import", "reason.unlistable", String.valueOf(e.getMessage()))));
            }
        } else {
            listed = true; // no agents/sessions at all: every known session of it is gone from disk
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (State s : present.values()) {
            switch (apply(real, s, dryRun)) {
                case ADDED -> added++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        int missing = 0;
        if (listed) {
            for (Known k : known(real)) {
                if (k.missingSince == null && !present.containsKey(k.slug) && !unreadable.contains(k.slug)
                        && !Files.isDirectory(Path.of(k.sessionDir))) {
                    if (!dryRun) {
                        markMissing(k.sessionId);
                    }
                    missing++;
                }
            }
        }
        return new AgentSyncReport(real, added, updated, missing, unchanged, problems, notes);
    }

    private AgentSyncReport missingProject(Path project, boolean dryRun) {
        Path key = project.toAbsolutePath().normalize();
        int missing = 0;
        for (Known k : known(key)) {
            if (k.missingSince == null) {
                if (!dryRun) {
                    markMissing(k.sessionId);
                }
                missing++;
            }
        }
        return new AgentSyncReport(key, 0, 0, missing, 0,
                List.of(new ImportProblem(key.toString(), UserText.of("import", "agent.noProject"))));
    }

    /** The slug folders and their parsed state; slugs present but unreadable are named in {@code unreadable}. */
    private void scan(Path project, Path sessions, Map<String, State> present, TreeSet<String> unreadable,
                      List<ImportProblem> problems, List<ImportProblem> notes) throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(sessions)) {
            for (Path slugDir : dir) {
                String slug = slugDir.getFileName().toString();
                if (slug.startsWith(".") || !Files.isDirectory(slugDir)) {
                    continue;
                }
                try {
                    Path realDir = SafePaths.inside(project, slugDir);
                    Path stateFile = slugDir.resolve("state.json");
                    if (!Files.exists(stateFile)) {
                        unreadable.add(slug);
                        problems.add(new ImportProblem(relative(project, stateFile), UserText.of("import", "agent.noState")));
                        continue;
                    }
                    Path realState = SafePaths.inside(project, stateFile);
                    SafePaths.withinLimit(realState, relative(project, stateFile), MAX_STATE_BYTES);
                    present.put(slug, parseState(project, slug, realDir, realState, notes));
                } catch (SafePaths.RefusedPathException e) {
                    unreadable.add(slug);
                    problems.add(new ImportProblem(e.where(), e.reason()));
                } catch (BadState e) {
                    unreadable.add(slug);
                    problems.add(e.problem);
                }
            }
        }
    }

    /** The parts of state.json SessionDesk keeps. */
    record State(String slug, Path sessionDir, String title, String status, String sessionType, Long createdAt) {
    }

    private static final class BadState extends Exception {
        final ImportProblem problem;

        BadState(ImportProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    /** Where skills keep a session's title in state.json, in the order they are tried. */
    static final List<String> TITLE_FIELDS = List.of("title", "topic", "name", "subject", "summary", "goal", "task",
            "objective", "description", "session.title", "metadata.title");

    private static State parseState(Path project, String slug, Path sessionDir, Path stateFile, List<ImportProblem> notes)
            throws BadState {
        String label = relative(project, sessionDir.resolve("state.json"));
        JsonNode node;
        try (InputStream in = Files.newInputStream(stateFile)) {
            node = CanonicalJson.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BadState(new ImportProblem(JsonLocations.at(label, e), UserText.of("import", "reason.notJson", JsonLocations.reason(e))));
        } catch (IOException e) {
            throw new BadState(new ImportProblem(label, UserText.of("import", "reason.unreadable", String.valueOf(e.getMessage()))));
        }
        if (node == null || !node.isObject()) {
            throw new BadState(new ImportProblem(label, UserText.of("import", "rule.object", "$")));
        }
        // Skills keep the title in different fields ("topic" is common): the first known one wins,
        // and where it came from is said. Only a state.json with no session in it at all is refused.
        String titleFrom = null;
        String title = null;
        for (String field : TITLE_FIELDS) {
            JsonNode v = field.indexOf('.') < 0 ? node.get(field) : node.path(field.substring(0, field.indexOf('.')))
                    .get(field.substring(field.indexOf('.') + 1));
            if (v != null && v.isTextual() && !v.textValue().isBlank()) {
                title = v.textValue();
                titleFrom = "$." + field;
                break;
            }
        }
        if (title == null) {
            if (node.isEmpty()) {
                throw new BadState(new ImportProblem(label, UserText.of("import", "agent.empty")));
            }
            title = slug;
            titleFrom = "the folder name (no " + String.join(", ", TITLE_FIELDS.stream().map(f -> "$." + f).toList()) + ")";
        }
        String status = optionalText(node, "status", label);
        String type = optionalText(node, "session_type", label);
        if (type == null) {
            type = optionalText(node, "type", label);
        }
        Long created = Timestamps.millis(node.get("created_at"));
        if (created == null) {
            try {
                created = Files.readAttributes(sessionDir, BasicFileAttributes.class).creationTime().toMillis();
            } catch (IOException e) {
                created = null;
            }
        }
        if (!"$.title".equals(titleFrom)) {
            notes.add(new ImportProblem(label, UserText.of("import", "agent.title", Titles.collapseWhitespace(title), titleFrom)));
        }
        return new State(slug, sessionDir, Titles.collapseWhitespace(title), status, type, created);
    }

    private static String optionalText(JsonNode node, String field, String label) throws BadState {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadState(new ImportProblem(label, UserText.of("import", "rule.string", "$." + field)));
        }
        return v.textValue();
    }

    private static String relative(Path project, Path p) {
        return project.getFileName() + "/" + project.relativize(p);
    }

    private enum Change { ADDED, UPDATED, UNCHANGED }

    private Change apply(Path project, State s, boolean dryRun) {
        StoreTx.Work<Change> work = tx -> apply(tx, project, s, dryRun);
        return dryRun ? StoreTx.read(store, "check agent session " + s.slug, work)
                : StoreTx.write(store, "sync agent session " + s.slug, work);
    }

    private Change apply(StoreTx tx, Path project, State s, boolean dryRun) {
        String ref = s.sessionDir.toString();
        long now = System.currentTimeMillis();
        Optional<AgentSessionStore.Linked> linked = rows.find(tx, ORIGIN, ref);
        if (linked.isEmpty()) {
            if (!dryRun) {
                rows.create(tx, new NewSession(s.title, project.toString(), ORIGIN, ref, s.createdAt),
                        new AgentSessionStore.Facts(null, project.toString(), s.slug, ref, s.status, s.sessionType, null),
                        now);
            }
            return Change.ADDED;
        }
        String sessionId = linked.get().sessionId();
        boolean changed = false;
        if (!"user".equals(linked.get().titleSource()) && !s.title.equals(linked.get().title())) {
            changed = true;
            if (!dryRun) {
                rows.setAutoTitle(tx, sessionId, s.title, now); // a title the user gave meanwhile is final
            }
        }
        Optional<AgentSessionStore.Facts> stored = rows.facts(tx, sessionId);
        boolean facts = stored.isEmpty() || !Objects.equals(stored.get().status(), s.status)
                || !Objects.equals(stored.get().sessionType(), s.sessionType) || stored.get().missingSince() != null;
        if (facts) {
            changed = true;
            if (!dryRun) {
                rows.updateFacts(tx, new AgentSessionStore.Facts(sessionId, project.toString(), s.slug, ref, s.status,
                        s.sessionType, null), now);
            }
        }
        return changed ? Change.UPDATED : Change.UNCHANGED;
    }

    private record Known(String sessionId, String slug, String sessionDir, Long missingSince) {
    }

    private List<Known> known(Path project) {
        return rows.ofProject(project.toString()).stream()
                .map(f -> new Known(f.sessionId(), f.slug(), f.sessionDir(), f.missingSince())).toList();
    }

    private void markMissing(String sessionId) {
        rows.markMissing(sessionId);
    }

    /** The filesystem facts of an agent session, for the session's view; empty for other sessions. */
    public Optional<AgentSessionInfo> info(String sessionId) {
        return rows.facts(sessionId).map(f -> new AgentSessionInfo(sessionId, Path.of(f.projectDir()), f.slug(),
                Path.of(f.sessionDir()), f.status(), f.sessionType(), f.missingSince()));
    }
}
