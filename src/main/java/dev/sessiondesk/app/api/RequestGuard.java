package dev.sessiondesk.app.api;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request passes before any route sees it, in this order: the {@code Host} check
 * (DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends
 * {@code Host: evil.example}, and gets 403), CORS (only for an origin the user allowed), then the
 * token (except on {@code /status}), with failed attempts limited per client address.
 */
final class RequestGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    static final int MAX_FAILURES = 5;
    static final long FAILURE_WINDOW_MS = 60_000;

    private final Set<String> allowedHosts;
    private final String allowedOrigin;
    private final ApiToken token;
    private final LongSupplier clock;
    private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();

    private static final class Failures {
        long windowStart;
        int count;
    }

    RequestGuard(Set<String> allowedHosts, String allowedOrigin, ApiToken token, LongSupplier clock) {
        this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.allowedOrigin = allowedOrigin;
        this.token = token;
        this.clock = clock;
    }

    /** True when the request may go on to routing; otherwise it has been answered. */
    boolean admit(HttpExchange ex) throws IOException {
        HttpRequest req = ex.request();
        String host = hostName(req.header("host").orElse(""));
        if (host == null || !allowedHosts.contains(host)) {
            ex.sendError(403, "this server answers only to its own address (Host " + describeHost(req) + " is not one)");
            return false;
        }
        String origin = req.header("origin").orElse(null);
        if (origin != null && allowedOrigin != null && allowedOrigin.equals(origin)) {
            ex.header("Access-Control-Allow-Origin", origin);
            ex.header("Vary", "Origin");
            if ("OPTIONS".equals(req.method())) {
                ex.header("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE");
                ex.header("Access-Control-Allow-Headers", "X-Secret-Key, Authorization, Content-Type, Last-Event-ID, If-None-Match");
                ex.header("Access-Control-Max-Age", "600");
                ex.sendEmpty(204);
                return false;
            }
        }
        if (isOpenRoute(req)) {
            return true;
        }
        if (limited(req.remote())) {
            ex.header("Retry-After", "60");
            ex.sendError(429, "too many requests with a wrong token from this address; wait a minute");
            return false;
        }
        if (!token.matches(presentedToken(req))) {
            recordFailure(req.remote());
            // The presented value is never logged: it may be the real token with a typo.
            LOG.info("refused a request without a valid token from {} ({} {})", req.remote().getHostAddress(),
                    req.method(), req.path());
            ex.header("WWW-Authenticate", "Bearer");
            ex.sendError(401, "a valid token is needed: send it as X-Secret-Key or Authorization: Bearer (see sessiondesk api-token)");
            return false;
        }
        return true;
    }

    private static boolean isOpenRoute(HttpRequest req) {
        return "/status".equals(req.path()) && ("GET".equals(req.method()) || "HEAD".equals(req.method()));
    }

    static String presentedToken(HttpRequest req) {
        String key = req.header("x-secret-key").orElse(null);
        if (key != null) {
            return key;
        }
        String auth = req.header("authorization").orElse("");
        return auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
    }

    private boolean limited(InetAddress who) {
        Failures f = failures.get(who);
        if (f == null) {
            return false;
        }
        synchronized (f) {
            return f.count >= MAX_FAILURES && clock.getAsLong() - f.windowStart < FAILURE_WINDOW_MS;
        }
    }

    private void recordFailure(InetAddress who) {
        Failures f = failures.computeIfAbsent(who, k -> new Failures());
        synchronized (f) {
            long now = clock.getAsLong();
            if (now - f.windowStart >= FAILURE_WINDOW_MS) {
                f.windowStart = now;
                f.count = 0;
            }
            f.count++;
        }
    }

    /** The host part of a Host header, lower-case, without the port; null when malformed. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String describeHost(HttpRequest req) {
        String h = req.header("host").orElse("(none)");
        return h.length() > 80 ? h.substring(0, 80) + "…" : h;
    }
}
