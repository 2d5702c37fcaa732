package dev.sessiondesk.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkPolicyTest {
    @Test
    void opensOnlyHttpHttpsAndMailto() {
        assertThat(LinkPolicy.isOpenable("https://example.org/a?b=c")).isTrue();
        assertThat(LinkPolicy.isOpenable("HTTP://example.org")).isTrue();
        assertThat(LinkPolicy.isOpenable("mailto:someone@example.org")).isTrue();
        for (String refused : new String[] {"javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4=", "ftp://example.org", "vbscript:msgbox",
                "jar:file:/x.jar!/a", "about:blank", "/relative", "https:", "", null}) {
            assertThat(LinkPolicy.isOpenable(refused)).as(String.valueOf(refused)).isFalse();
        }
    }

    @Test
    void imagesOnlyFromRasterDataUris() {
        assertThat(LinkPolicy.isInlineImage("data:image/png;base64,AAAA")).isTrue();
        assertThat(LinkPolicy.isInlineImage("data:image/svg+xml;base64,AAAA")).isFalse();
        assertThat(LinkPolicy.isInlineImage("https://example.org/a.png")).isFalse();
        assertThat(LinkPolicy.isInlineImage("data:image/png;base64,AA\"onerror=x")).isFalse();
    }
}
