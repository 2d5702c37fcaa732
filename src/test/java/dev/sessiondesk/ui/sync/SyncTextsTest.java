package dev.sessiondesk.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.SyncReport;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The "sync" bundle: every key in English and German, and the status bar's exact words. */
class SyncTextsTest {
    private static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = SyncTextsTest.class.getResourceAsStream("/dev/sessiondesk/ui/i18n/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyExistsInEnglishAndGerman() throws Exception {
        assertThat(bundle("sync_de.properties").keySet()).isEqualTo(bundle("sync.properties").keySet());
    }

    @Test
    void theStatusBarSaysSyncedOfflineWithTheCountOrTheReason() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            Instant at = Instant.parse("2026-12-01T14:02:30Z");
            SyncReport ok = new SyncReport(1, 2, List.of(), List.of(), 0, Duration.ofMillis(20), at, null, false, null);
            assertThat(SyncStatusText.of(ok, ZoneOffset.UTC)).isEqualTo("Synced 14:02");
            SyncReport offline = new SyncReport(0, 0, List.of(), List.of(), 3, Duration.ZERO, at, "cannot reach", true, null);
            assertThat(SyncStatusText.of(offline, ZoneOffset.UTC)).isEqualTo("Offline — 3 messages waiting");
            SyncReport refused = new SyncReport(0, 0, List.of(), List.of(), 0, Duration.ZERO, at,
                    "the sync server x refused the login: bad password", false, null);
            assertThat(SyncStatusText.of(refused, ZoneOffset.UTC)).isEqualTo("Sync: the sync server x refused the login: bad password");
            SyncReport readOnly = new SyncReport(0, 2, List.of(), List.of(), 1, Duration.ZERO, at, null, false,
                    "the sync server's schema was written by a newer SessionDesk");
            assertThat(SyncStatusText.of(readOnly, ZoneOffset.UTC)).isEqualTo("Pulled 14:02; sending is off: the server's"
                    + " sync schema is from a newer SessionDesk — update this one (1 message waiting)");
            Locale.setDefault(Locale.GERMAN);
            assertThat(SyncStatusText.of(offline, ZoneOffset.UTC)).isEqualTo("Offline — 3 Nachrichten warten");
        } finally {
            Locale.setDefault(before);
        }
    }
}
