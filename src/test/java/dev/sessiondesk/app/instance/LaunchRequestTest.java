package dev.sessiondesk.app.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchRequestTest {
    @Test
    void onlyDataDirAndOpenMeanTheGui() {
        assertThat(LaunchRequest.ofGuiLaunch(List.of())).contains(new LaunchRequest(null, null));
        assertThat(LaunchRequest.ofGuiLaunch(List.of("--data-dir", "/tmp/x"))).contains(new LaunchRequest(Path.of("/tmp/x"), null));
        assertThat(LaunchRequest.ofGuiLaunch(List.of("--data-dir=/tmp/x", "--open", "abc")))
                .contains(new LaunchRequest(Path.of("/tmp/x"), "abc"));
        assertThat(LaunchRequest.ofGuiLaunch(List.of("--data-dir", "/tmp/x", "list"))).isEmpty();
        assertThat(LaunchRequest.ofGuiLaunch(List.of("list"))).isEmpty();
        assertThat(LaunchRequest.ofGuiLaunch(List.of("--help"))).isEmpty();
    }

    @Test
    void aForwardedLaunchPassesOverWhatItDoesNotKnow() {
        assertThat(LaunchRequest.parse(List.of("--verbose", "--open=s1", "extra"))).isEqualTo(new LaunchRequest(null, "s1"));
        assertThat(LaunchRequest.parse(List.of("--open", "  "))).isEqualTo(new LaunchRequest(null, null));
        assertThat(new LaunchRequest(null, "s1").forwardedArguments()).containsExactly("--open", "s1");
    }
}
