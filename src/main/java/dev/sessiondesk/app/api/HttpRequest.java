package dev.sessiondesk.app.api;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed HTTP/1.1 request. Header names are lower-case; {@code path} is the raw path (still
 * percent-encoded, so an encoded {@code /} inside an id never becomes a path separator).
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                          InetAddress remote) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The query parameters, decoded; the first value of a repeated name wins. */
    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape is kept as written; the id check rejects it
        }
    }
}
