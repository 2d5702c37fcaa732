package dev.sessiondesk.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every text colour of each theme is readable (WCAG AA: contrast ≥ 4.5:1) on every surface it is
 * drawn on, computed from the colours in the theme's stylesheet; and sessiondesk.css itself names
 * no colour, only the theme's looked-up colours, so a theme is complete by construction.
 */
class ThemeContrastTest {
    private static final double AA = 4.5;
    private static final Pattern VARIABLE = Pattern.compile("(-(?:sd|fx)-[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{3,8})\\s*;");
    private static final Pattern TEXT_COLOUR = Pattern.compile("-fx-(?:text-fill|fill|prompt-text-fill)\\s*:\\s*([^;]+);");
    private static final Pattern LITERAL_COLOUR = Pattern.compile(
            "#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsba?\\(|\\b(?:white|black|red|gray|grey|blue|green|yellow|orange)\\b");

    /** Text colour → the surfaces sessiondesk.css draws it on. A new text colour must be added here. */
    private static final Map<String, List<String>> DRAWN_ON = new LinkedHashMap<>();

    static {
        List<String> everyPanel = List.of("-sd-window-bg", "-sd-sidebar-bg", "-sd-surface", "-sd-selected-bg",
                "-sd-bubble-user-bg", "-sd-bubble-assistant-bg", "-sd-status-bg");
        List<String> inMessages = List.of("-sd-surface", "-sd-bubble-user-bg", "-sd-bubble-assistant-bg");
        DRAWN_ON.put("-sd-text", concat(everyPanel, List.of("-sd-ok-bg", "-sd-problem-bg")));
        DRAWN_ON.put("-sd-text-muted", everyPanel);
        DRAWN_ON.put("-sd-placeholder", List.of("-sd-surface", "-fx-control-inner-background"));
        DRAWN_ON.put("-sd-marker-elsewhere-text", List.of("-sd-marker-elsewhere-bg"));
        DRAWN_ON.put("-sd-marker-here-text", List.of("-sd-marker-here-bg"));
        DRAWN_ON.put("-sd-state-text", List.of("-sd-state-bg"));
        DRAWN_ON.put("-sd-code-text", inMessages);
        DRAWN_ON.put("-sd-link", inMessages);
        DRAWN_ON.put("-sd-code-block-text", List.of("-sd-code-block-bg"));
        DRAWN_ON.put("-sd-problem-headline", List.of("-sd-problem-bg"));
        DRAWN_ON.put("-sd-problem-text", List.of("-sd-problem-bg"));
        DRAWN_ON.put("-sd-status-text", List.of("-sd-status-bg"));
        DRAWN_ON.put("-sd-status-saving", List.of("-sd-status-bg"));
        DRAWN_ON.put("-sd-status-error", List.of("-sd-status-bg"));
        DRAWN_ON.put("-sd-hit-mark", List.of("-sd-surface", "-sd-selected-bg"));
        DRAWN_ON.put("-sd-report-ok", List.of("-sd-window-bg"));
        DRAWN_ON.put("-sd-report-problem", List.of("-sd-window-bg"));
        DRAWN_ON.put("-sd-focus", List.of("-sd-sidebar-bg", "-sd-surface")); // the focus ring is a line of "text" weight
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void everyTextColourReachesFourAndAHalfToOneOnItsSurfaces(Theme theme) throws IOException {
        Map<String, Rgb> colours = colours(theme);
        List<String> failures = new ArrayList<>();
        DRAWN_ON.forEach((text, surfaces) -> {
            for (String surface : surfaces) {
                assertThat(colours).as(theme + " defines " + text).containsKey(text);
                assertThat(colours).as(theme + " defines " + surface).containsKey(surface);
                Rgb bg = colours.get(surface).over(colours.get("-sd-surface"));
                double ratio = contrast(colours.get(text).over(bg), bg);
                if (ratio < AA) {
                    failures.add(String.format("%s: %s on %s is %.2f:1", theme, text, surface, ratio));
                }
            }
        });
        assertThat(failures).as("text colours below %.1f:1", AA).isEmpty();
    }

    @Test
    void bothThemesDefineTheSameColours() throws IOException {
        assertThat(colours(Theme.DARK).keySet()).containsExactlyInAnyOrderElementsOf(colours(Theme.LIGHT).keySet());
    }

    @Test
    void theAppStylesheetNamesNoColourAndEveryTextColourItUsesIsChecked() throws IOException {
        String css = stripComments(read("/dev/sessiondesk/ui/sessiondesk.css"));
        Matcher literal = LITERAL_COLOUR.matcher(css);
        List<String> literals = new ArrayList<>();
        while (literal.find()) {
            literals.add(literal.group());
        }
        assertThat(literals).as("colours written into sessiondesk.css instead of the theme").isEmpty();

        Set<String> textColours = new LinkedHashSet<>();
        Matcher m = TEXT_COLOUR.matcher(css);
        while (m.find()) {
            textColours.add(m.group(1).strip());
        }
        assertThat(textColours).isNotEmpty();
        assertThat(DRAWN_ON.keySet()).as("text colours of sessiondesk.css that this test checks")
                .containsAll(textColours);
        Set<String> defined = colours(Theme.LIGHT).keySet();
        Matcher used = Pattern.compile("-sd-[a-z-]+").matcher(css);
        while (used.find()) {
            assertThat(defined).as("sessiondesk.css uses " + used.group()).contains(used.group());
        }
    }

    @Test
    void theContrastFormulaMatchesKnownValues() {
        assertThat(contrast(Rgb.parse("#000000"), Rgb.parse("#ffffff"))).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        // The measurement: timestamps (#7b8590) on the assistant bubble (#f7f7f8) were 3.3:1.
        assertThat(contrast(Rgb.parse("#7b8590"), Rgb.parse("#f7f7f8"))).isCloseTo(3.4, org.assertj.core.data.Offset.offset(0.15));
        assertThat(contrast(Rgb.parse("#9aa3ad"), Rgb.parse("#ffffff"))).isLessThan(AA);
    }

    static Map<String, Rgb> colours(Theme theme) throws IOException {
        Map<String, Rgb> out = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(stripComments(read(theme.resource())));
        while (m.find()) {
            out.put(m.group(1), Rgb.parse(m.group(2)));
        }
        return out;
    }

    static double contrast(Rgb a, Rgb b) {
        double la = a.luminance();
        double lb = b.luminance();
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ThemeContrastTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String stripComments(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    record Rgb(double r, double g, double b, double alpha) {
        static Rgb parse(String hex) {
            String h = hex.substring(1);
            if (h.length() == 3) {
                h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
            }
            double a = h.length() == 8 ? Integer.parseInt(h.substring(6, 8), 16) / 255.0 : 1;
            return new Rgb(Integer.parseInt(h.substring(0, 2), 16) / 255.0, Integer.parseInt(h.substring(2, 4), 16) / 255.0,
                    Integer.parseInt(h.substring(4, 6), 16) / 255.0, a);
        }

        /** This colour painted over an opaque {@code below}. */
        Rgb over(Rgb below) {
            if (alpha >= 1) {
                return this;
            }
            return new Rgb(r * alpha + below.r * (1 - alpha), g * alpha + below.g * (1 - alpha),
                    b * alpha + below.b * (1 - alpha), 1);
        }

        double luminance() {
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        }

        private static double channel(double c) {
            return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }
}
