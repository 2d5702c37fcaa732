package dev.sessiondesk.app.api;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.SessionChanges;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP API over one open store: goose-compatible routes plus {@code /api/v1}, behind the
 * Host check and the token, with live event streams fed by the in-process change feed and by
 * watching the store for other processes' commits. The GUI starts one when the user turns it on;
 * {@code sessiondesk serve} runs one without a display.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ApiOptions options;
    private final ApiToken token;
    private final SelfSignedCertificate certificate;
    private final RequestGuard guard;
    private final SessionEventHub hub;
    private final StoreChangeWatcher watcher;
    private final GooseRoutes goose;
    private final V1Routes v1;
    private final HttpListener listener;
    private final String advertisedHost;
    private volatile boolean closed;

    private ApiServer(SessionDesk desk, SessionChanges changes, ApiOptions options, InetAddress bind) throws IOException {
        this.options = options;
        this.token = ApiToken.loadOrCreate(options.configDir());
        Set<String> names = allowedHostNames(bind, options.lan());
        this.advertisedHost = advertisedHost(bind, options.lan());
        this.certificate = options.lan()
                ? SelfSignedCertificate.loadOrCreate(options.configDir(), new ArrayList<>(names)) : null;
        this.guard = new RequestGuard(names, options.allowedOrigin(), token, System::currentTimeMillis);
        this.hub = new SessionEventHub(desk.store(), desk.workers());
        PhoneReplies replies = new PhoneReplies(desk, changes);
        ListCache list = new ListCache();
        this.goose = new GooseRoutes(desk, hub, replies, options, list);
        this.v1 = new V1Routes(desk, replies, new LiveFacts(desk, Clock.systemUTC()), options);
        this.watcher = new StoreChangeWatcher(desk.store(), () -> {
            list.changedElsewhere();
            hub.storeChanged();
        }, options.watchEvery(), desk.workers());
        this.listener = new HttpListener(bind, options.port(), certificate == null ? null : certificate.context(),
                this::handle, options.limits(), desk.workers());
        changes.listen(id -> {
            if (!closed) {
                list.changedElsewhere();
                hub.changed(id);
            }
        });
    }

    /**
     * Starts listening. Fails with a clear message for a taken port ({@code BindException}) and for
     * a non-loopback address without LAN access turned on ({@code IllegalArgumentException}).
     */
    public static ApiServer start(SessionDesk desk, SessionChanges changes, ApiOptions options) throws IOException {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(options.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot listen on " + options.bindAddress() + ": not an address of this machine");
        }
        if (!options.lan() && !bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing to listen on " + options.bindAddress()
                    + " without LAN access: other devices could connect; turn LAN access on (--lan), which also turns on TLS");
        }
        ApiServer server = new ApiServer(desk, changes, options, bind);
        server.listener.start();
        server.watcher.start();
        LOG.info("the API is listening on {}", server.url());
        return server;
    }

    private void handle(HttpExchange ex) throws IOException {
        if (!guard.admit(ex)) {
            return;
        }
        List<String> path = RouteSupport.segments(ex.request().path());
        if (goose.handle(ex, path) || v1.handle(ex, path)) {
            return;
        }
        ex.sendError(404, "no such route: " + ex.request().method() + " " + ex.request().path());
    }

    public URI url() {
        return URI.create((certificate == null ? "http" : "https") + "://" + advertisedHost + ":" + listener.port());
    }

    public int port() {
        return listener.port();
    }

    public ApiToken token() {
        return token;
    }

    /** The TLS certificate's SHA-256 fingerprint on the LAN; null on loopback (plain HTTP). */
    public String fingerprint() {
        return certificate == null ? null : certificate.fingerprint();
    }

    /**
     * What the pairing QR code holds: the address, the token and (on the LAN) the certificate's
     * fingerprint, so a phone can connect and pin the certificate in one scan.
     */
    public String pairingLink() {
        StringBuilder link = new StringBuilder("sessiondesk://connect?url=")
                .append(URLEncoder.encode(url().toString(), StandardCharsets.UTF_8))
                .append("&secret=").append(URLEncoder.encode(token.reveal(), StandardCharsets.UTF_8));
        if (fingerprint() != null) {
            link.append("&sha256=").append(URLEncoder.encode(fingerprint(), StandardCharsets.UTF_8));
        }
        return link.toString();
    }

    int watchedSessions() {
        return hub.watchedSessions();
    }

    private static Set<String> allowedHostNames(InetAddress bind, boolean lan) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        names.add(literal(bind));
        if (lan) {
            try {
                String host = InetAddress.getLocalHost().getHostName();
                names.add(host);
                if (!host.contains(".")) {
                    names.add(host + ".local");
                }
            } catch (UnknownHostException e) {
                LOG.debug("no host name for the LAN: {}", e.getMessage());
            }
            for (InetAddress a : interfaceAddresses()) {
                names.add(literal(a));
            }
        }
        return names;
    }

    private static String advertisedHost(InetAddress bind, boolean lan) {
        if (!bind.isAnyLocalAddress()) {
            return literal(bind);
        }
        if (lan) {
            for (InetAddress a : interfaceAddresses()) {
                if (!(a instanceof Inet6Address)) {
                    return literal(a);
                }
            }
        }
        return "127.0.0.1";
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (!a.isLinkLocalAddress()) {
                            out.add(a);
                        }
                    }
                }
            }
        } catch (SocketException e) {
            LOG.debug("cannot list network interfaces: {}", e.getMessage());
        }
        return out;
    }

    private static String literal(InetAddress a) {
        String h = a.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return a instanceof Inet6Address ? "[" + h + "]" : h;
    }

    @Override
    public void close() {
        closed = true;
        watcher.close();
        listener.close();
        hub.close();
        LOG.info("the API on port {} stopped", listener.port());
    }
}
