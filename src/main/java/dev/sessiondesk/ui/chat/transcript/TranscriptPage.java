package dev.sessiondesk.ui.chat.transcript;

import dev.sessiondesk.app.render.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transcript's HTML page: our stylesheet and script plus DOMPurify, highlight.js and KaTeX from
 * their WebJars, all inline under a Content-Security-Policy that lets only those run (a nonce), loads
 * nothing from anywhere (no network, no files), and shows images only from {@code data:} URIs. KaTeX's
 * fonts are inlined as {@code data:} URIs for the same reason. Built once, from jar resources, off the
 * FX thread is not needed: the first window builds it while the app starts, every later one reuses it.
 */
final class TranscriptPage {
    static final String HLJS = "/META-INF/resources/webjars/highlightjs/11.10.0/highlight.min.js";
    static final String PURIFY = "/META-INF/resources/webjars/dompurify/3.2.6/dist/purify.min.js";
    static final String KATEX_DIR = "/META-INF/resources/webjars/katex/0.16.47/dist/";
    private static final Pattern FONT_SRC = Pattern.compile("src:url\\(fonts/(KaTeX_[A-Za-z0-9-]+)\\.woff2\\)[^;}]*");
    private static volatile String cached;

    private TranscriptPage() {
    }

    /** The page; the nonce is random per process (content never gets to choose script anyway). */
    static String html() {
        String page = cached;
        if (page == null) {
            synchronized (TranscriptPage.class) {
                if (cached == null) {
                    cached = build();
                }
                page = cached;
            }
        }
        return page;
    }

    private static String build() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        String csp = "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce
                + "'; img-src data:; font-src data:; connect-src 'none'; frame-src 'none'; object-src 'none';"
                + " form-action 'none'; base-uri 'none'";
        StringBuilder sb = new StringBuilder(1_200_000);
        // The page's language is the GUI's (screen readers pick their voice by it).
        String lang = Html.escape(Locale.getDefault().toLanguageTag());
        sb.append("<!DOCTYPE html><html lang=\"").append(lang).append("\" data-theme=\"light\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">")
                .append("<style nonce=\"").append(nonce).append("\">").append(katexCss()).append('\n')
                .append(text("transcript.css")).append("</style></head><body>")
                .append("<main id=\"transcript\" role=\"log\" aria-live=\"polite\"></main>")
                .append("<div id=\"overlay\" role=\"dialog\" hidden></div>");
        for (String script : new String[] {PURIFY, HLJS, KATEX_DIR + "katex.min.js"}) {
            sb.append("<script nonce=\"").append(nonce).append("\">").append(resource(script)).append("</script>");
        }
        sb.append("<script nonce=\"").append(nonce).append("\">").append(text("transcript.js")).append("</script>");
        return sb.append("</body></html>").toString();
    }

    /** KaTeX's stylesheet with each font as one {@code data:} URI of its WOFF file. */
    private static String katexCss() {
        String css = resource(KATEX_DIR + "katex.min.css");
        Matcher m = FONT_SRC.matcher(css);
        StringBuilder out = new StringBuilder(css.length() + 600_000);
        while (m.find()) {
            byte[] font = bytes(KATEX_DIR + "fonts/" + m.group(1) + ".woff");
            m.appendReplacement(out, Matcher.quoteReplacement(
                    "src:url(data:font/woff;base64," + Base64.getEncoder().encodeToString(font) + ") format(\"woff\")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(String name) {
        return resource("/dev/sessiondesk/ui/chat/transcript/" + name);
    }

    private static String resource(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String path) {
        try (InputStream in = TranscriptPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the transcript page's resource " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transcript page's resource " + path, e);
        }
    }
}
