package dev.sessiondesk.app.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.sync.SyncStepResult;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import dev.sessiondesk.app.upgrade.UpgradeManifest;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.StoreFixture;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupMaintenanceTest {
    @TempDir
    Path tmp;

    @Test
    void theDailyBackupIsMadeOnceADayNotAtEveryStart() throws Exception {
        Path data = tmp.resolve("data");
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("kept", null);
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "hello"));
            StartupMaintenance m = new StartupMaintenance(desk, Clock.systemUTC());
            Optional<String> first = m.dailyBackup(Progress.NONE).map(Wording.english()::say);
            assertThat(first).hasValueSatisfying(n -> assertThat(n).contains("Daily backup saved", "1 sessions"));
            assertThat(m.dailyBackup(Progress.NONE)).isEmpty();
            assertThat(desk.backups().catalog().list()).hasSize(1);
            assertThat(desk.backups().catalog().list().get(0).sessions()).containsKey(s.id());
        }
    }

    @Test
    void anUpgradeManifestTheStoreDoesNotMatchIsReportedPerSessionAndWindow() throws Exception {
        Path data = tmp.resolve("data");
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("kept", null);
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "hello"));
            StartupMaintenance m = new StartupMaintenance(desk, Clock.systemUTC());
            assertThat(m.upgradeProblems()).isEmpty(); // no manifest: nothing to check

            Fingerprint now = desk.store().sessions().get(s.id()).orElseThrow().fingerprint();
            Path folder = Files.createDirectories(data.resolve("upgrade-20260101T000000Z"));
            new UpgradeManifest(Instant.now(), "0.9", 1, "backup.db",
                    Map.of(s.id(), now, "0190aaaa-0000-7000-8000-000000000000", new Fingerprint(3, "ab".repeat(32))),
                    List.of(new UpgradeManifest.Window("w-gone", s.id(), true, now)))
                    .write(folder.resolve(UpgradeManifest.FILE_NAME));

            Optional<UpgradeCheck.Report> problems = m.upgradeProblems();
            assertThat(problems).isPresent();
            assertThat(problems.get().problems()).hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("0190aaaa-0000-7000-8000-000000000000", "missing"))
                    .anySatisfy(p -> assertThat(p).contains("window w-gone", "is gone"));
            // A bad check is not recorded as done: the recovery dialog comes back at the next start.
            assertThat(m.upgradeProblems()).isPresent();
            assertThat(AppVersion.current()).isNotBlank();
        }
    }

    @Test
    void syncNowRescansTheWatchedAgentProjects() throws Exception {
        Path project = copy(fixture("agent-project"), tmp.resolve("project"));
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            StartupMaintenance m = new StartupMaintenance(desk, Clock.systemUTC());
            SyncService sync = new SyncService(List.of(), Clock.systemUTC());
            m.addSyncSteps(sync);
            assertThat(sync.steps()).extracting(st -> st.name()).containsExactly(StartupMaintenance.AGENT_STEP);
            desk.watchedProjects().add(project);
            assertThat(desk.store().sessions().list(SessionQuery.all())).isEmpty();

            SyncSummary summary = sync.syncNow(new SyncContext(java.util.Set.of()));

            SyncStepResult agent = summary.steps().get(0);
            assertThat(agent.step()).isEqualTo(StartupMaintenance.AGENT_STEP);
            assertThat(agent.count()).isEqualTo(1);
            int imported = desk.store().sessions().list(SessionQuery.all()).size();
            assertThat(imported).isPositive();
            assertThat(agent.summary()).contains("1 agent project(s) rescanned: " + imported + " new");
        }
    }

    @Test
    void theGooseImportIsOfferedUntilAnsweredAndNeverAgain() throws Exception {
        Path home = tmp.resolve("home");
        GooseSessionsFinder finder = new GooseSessionsFinder(Map.of(), home);
        Path data = Files.createDirectories(tmp.resolve("data"));
        GooseImportOffer offer = new GooseImportOffer(data, finder, Clock.systemUTC());
        assertThat(offer.pending()).isEmpty(); // nothing at the default place: nothing to ask

        Path sessions = Files.createDirectories(home.resolve(".local/share/goose/sessions"));
        Files.writeString(sessions.resolve("20240101_120000.jsonl"), "{}\n");
        assertThat(offer.pending()).hasValueSatisfying(f -> assertThat(f.folder()).isEqualTo(sessions));

        offer.remember(GooseImportOffer.Answer.DECLINED, sessions);
        assertThat(offer.pending()).isEmpty();
        assertThat(new GooseImportOffer(data, finder, Clock.systemUTC()).answer()).contains(GooseImportOffer.Answer.DECLINED);
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(StartupMaintenanceTest.class.getResource("/fixtures/" + name).toURI());
    }

    static Path copy(Path source, Path target) throws Exception {
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }
}
