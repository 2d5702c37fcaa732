package dev.sessiondesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuiArgumentsTest {
    @Test
    void onlyDataDirAndOpenMeanTheGui() {
        assertThat(GuiArguments.isGuiLaunch(new String[] {})).isTrue();
        assertThat(GuiArguments.isGuiLaunch(new String[] {"--data-dir", "/tmp/x"})).isTrue();
        assertThat(GuiArguments.isGuiLaunch(new String[] {"--data-dir=/tmp/x", "--open", "abc"})).isTrue();
        assertThat(GuiArguments.isGuiLaunch(new String[] {"--data-dir", "/tmp/x", "list"})).isFalse();
        assertThat(GuiArguments.isGuiLaunch(new String[] {"list"})).isFalse();
        assertThat(GuiArguments.isGuiLaunch(new String[] {"--help"})).isFalse();
    }
}
