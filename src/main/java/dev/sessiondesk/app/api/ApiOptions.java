package dev.sessiondesk.app.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the local API listens. Loopback unless {@code lan} is on; on the LAN it speaks only TLS.
 *
 * @param bindAddress  the address to listen on (default 127.0.0.1; with {@code lan}, 0.0.0.0 or an interface's address)
 * @param port         the port; 0 picks a free one
 * @param lan          whether other devices may connect (then TLS with a self-signed certificate)
 * @param allowedOrigin the one web origin that may call the API from a browser (CORS), or null for none
 * @param configDir    where the token and the certificate live
 * @param eventQueue   how many events may wait for a slow event-stream client before it is dropped
 * @param pingEvery    how often an idle event stream gets a Ping
 * @param watchEvery   how often the store's data version is polled for other processes' commits
 */
public record ApiOptions(String bindAddress, int port, boolean lan, String allowedOrigin, Path configDir,
                         int eventQueue, Duration pingEvery, Duration watchEvery, HttpListener.Limits limits) {
    public static final int DEFAULT_PORT = 7823;
    public static final String LOOPBACK = "127.0.0.1";

    public static ApiOptions loopback(Path configDir, int port) {
        return new ApiOptions(LOOPBACK, port, false, null, configDir, 1024, Duration.ofSeconds(15),
                StoreChangeWatcher.DEFAULT_PERIOD, HttpListener.Limits.defaults());
    }

    public ApiOptions withBind(String address, boolean onLan) {
        return new ApiOptions(address, port, onLan, allowedOrigin, configDir, eventQueue, pingEvery, watchEvery, limits);
    }

    public ApiOptions withAllowedOrigin(String origin) {
        return new ApiOptions(bindAddress, port, lan, origin, configDir, eventQueue, pingEvery, watchEvery, limits);
    }

    public ApiOptions withEventQueue(int events, Duration ping) {
        return new ApiOptions(bindAddress, port, lan, allowedOrigin, configDir, events, ping, watchEvery, limits);
    }
}
