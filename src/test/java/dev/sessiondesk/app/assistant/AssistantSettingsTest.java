package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssistantSettingsTest {
    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredTheOfflineAssistantAnswers() {
        AssistantSettings s = AssistantSettings.load(Map.of(), dir.resolve("config"));
        assertThat(s.isOffline()).isTrue();
        assertThat(s.createAssistant()).isInstanceOf(OfflineAssistant.class);
    }

    @Test
    void savedSettingsArePrivateAndReadBackAndTheEnvironmentWins() throws Exception {
        Path config = dir.resolve("config");
        AssistantSettings saved = AssistantSettings.endpoint("http://localhost:11434/v1", "llama3.2", "sk-file-key")
                .withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(2500), Duration.ofSeconds(40));
        saved.save(config);

        Path file = config.resolve(AssistantSettings.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(AssistantSettings.load(Map.of(), config)).isEqualTo(saved);

        AssistantSettings overridden = AssistantSettings.load(Map.of(AssistantSettings.ENV_ENDPOINT, "http://gpu:8000/v1",
                AssistantSettings.ENV_MODEL, "qwen", AssistantSettings.ENV_API_KEY, "sk-env-key"), config);
        assertThat(overridden.endpoint()).isEqualTo("http://gpu:8000/v1");
        assertThat(overridden.model()).isEqualTo("qwen");
        assertThat(overridden.apiKey()).isEqualTo("sk-env-key");
        assertThat(overridden.idleTimeout()).isEqualTo(Duration.ofSeconds(40)); // the rest still from the file
        assertThat(overridden.createAssistant()).isInstanceOf(OpenAiCompatibleAssistant.class);
    }

    @Test
    void toStringNeverShowsTheKey() {
        AssistantSettings s = AssistantSettings.endpoint("http://u:p@h:1/v1?key=q", "m", "sk-very-secret");
        assertThat(s.toString()).doesNotContain("sk-very-secret").doesNotContain("u:p").doesNotContain("key=q")
                .contains("apiKey=(set)").contains("http://h:1/v1");
        assertThat(s.createAssistant().describe()).doesNotContain("sk-very-secret");
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedAndBadNumbersAreNamed() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Path file = config.resolve(AssistantSettings.FILE_NAME);
        Files.writeString(file, "endpoint=http://h/v1\napi_key=sk-x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> AssistantSettings.load(Map.of(), config))
                .hasMessageContaining("other users can read the file").hasMessageNotContaining("sk-x");

        Files.writeString(file, "endpoint=http://h/v1\nidle_timeout_seconds=soon\n");
        assertThatThrownBy(() -> AssistantSettings.load(Map.of(), config))
                .hasMessageContaining(file + ": idle_timeout_seconds = \"soon\" is not a number of seconds above zero");
    }

    @Test
    void unusableSettingsAtStartKeepTheCurrentAssistantAndSayWhy() {
        AssistantSelection selection = new AssistantSelection(AssistantSettings.offline());
        assertThat(selection.useConfigured(Map.of(AssistantSettings.ENV_ENDPOINT, "localhost:11434"), dir))
                .hasValueSatisfying(m -> assertThat(m).contains("must be an http:// or https:// URL"));
        assertThat(selection.settings().isOffline()).isTrue();
        assertThat(selection.current()).isInstanceOf(OfflineAssistant.class);

        assertThat(selection.useConfigured(Map.of(AssistantSettings.ENV_ENDPOINT, "http://localhost:11434/v1"), dir)).isEmpty();
        assertThat(selection.current().describe()).isEqualTo("the assistant at http://localhost:11434/v1");
    }
}
