package dev.sessiondesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataLocationsTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsThePlatformDefault() {
        var env = Map.of(DataLocations.ENV_DATA_DIR, "/srv/sd", "XDG_DATA_HOME", "/xdg");
        assertThat(new DataLocations(env, "Linux", home).dataDir(Path.of("/explicit"))).isEqualTo(Path.of("/explicit"));
        assertThat(new DataLocations(env, "Linux", home).dataDir(null)).isEqualTo(Path.of("/srv/sd"));
        assertThat(new DataLocations(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home).dataDir(null))
                .isEqualTo(Path.of("/xdg/sessiondesk"));
        assertThat(new DataLocations(Map.of(), "Linux", home).dataDir(null)).isEqualTo(Path.of("/home/ada/.local/share/sessiondesk"));
    }

    @Test
    void eachPlatformHasItsUsualPlace() {
        assertThat(new DataLocations(Map.of(), "Mac OS X", home).dataDir(null))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/SessionDesk"));
        assertThat(new DataLocations(Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"), "Windows 11", home).dataDir(null))
                .isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/SessionDesk"));
        assertThat(new DataLocations(Map.of(), "Linux", home).logDir()).isEqualTo(Path.of("/home/ada/.local/state/sessiondesk/logs"));
        assertThat(new DataLocations(Map.of("XDG_DATA_HOME", "relative/path"), "Linux", home).dataDir(null))
                .as("XDG says relative paths are ignored").isEqualTo(Path.of("/home/ada/.local/share/sessiondesk"));
    }
}
