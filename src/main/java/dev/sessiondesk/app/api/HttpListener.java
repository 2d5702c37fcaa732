package dev.sessiondesk.app.api;

import dev.sessiondesk.app.tasks.Workers;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on plain sockets (optionally TLS): one thread per connection, keep-alive,
 * hard limits on request line, headers and body. Written here instead of using the JDK's
 * {@code HttpServer} because an event stream to a client that stopped reading must be droppable:
 * closing our own socket frees a writer blocked on it, which the JDK server gives no handle for.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    /** Answers one request; must answer it (or open an event stream) before returning. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** Limits on what a client may send and hold. */
    public record Limits(int maxBodyBytes, int maxHeaderBytes, int maxConnections, int idleTimeoutMs) {
        public static Limits defaults() {
            return new Limits(1024 * 1024, 32 * 1024, 512, 30_000);
        }
    }

    private final InetAddress bind;
    private final int requestedPort;
    private final SSLContext tls;
    private final Handler handler;
    private final Limits limits;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Workers workers;
    private ServerSocket server;
    private ExecutorService connections;
    private Thread acceptor;
    private volatile boolean stopping;

    public HttpListener(InetAddress bind, int port, SSLContext tls, Handler handler, Limits limits, Workers workers) {
        this.workers = workers;
        this.bind = bind;
        this.requestedPort = port;
        this.tls = tls;
        this.handler = handler;
        this.limits = limits;
    }

    /** Binds and starts accepting; a taken port fails here with a message that says so. */
    public void start() throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(bind, requestedPort), 128);
        } catch (BindException e) {
            s.close();
            throw new BindException("cannot listen on " + bind.getHostAddress() + ":" + requestedPort
                    + ": the port is already in use by another program (choose another with --port, or 0 for any free port)");
        }
        server = s;
        connections = workers.onDemand("api-connection");
        acceptor = workers.thread("api-accept-" + port(), true, this::acceptLoop);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public boolean isTls() {
        return tls != null;
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket raw;
            try {
                raw = server.accept();
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("the API stopped accepting connections: {}", e.getMessage());
                }
                return;
            }
            if (open.size() >= limits.maxConnections()) {
                refuse(raw);
                continue;
            }
            open.add(raw);
            connections.execute(() -> serve(raw));
        }
    }

    private static void refuse(Socket raw) {
        try (raw) {
            raw.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            LOG.debug("refusing a connection: {}", e.getMessage());
        }
    }

    private void serve(Socket raw) {
        Socket socket = raw;
        try {
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(limits.idleTimeoutMs());
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                socket = ssl;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            boolean again = true;
            while (again && !stopping) {
                again = serveOne(socket, raw, in, out);
            }
        } catch (SocketTimeoutException | SocketException e) {
            LOG.trace("connection {} ended: {}", raw.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("connection {} failed: {}", raw.getRemoteSocketAddress(), e.getMessage());
        } finally {
            open.remove(raw);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.trace("closing {}: {}", raw.getRemoteSocketAddress(), e.getMessage());
            }
        }
    }

    /** Reads and answers one request; false when the connection must end. */
    private boolean serveOne(Socket socket, Socket raw, InputStream in, OutputStream out) throws IOException {
        String requestLine;
        try {
            requestLine = readLine(in, 8192);
        } catch (LineTooLongException e) {
            bare(out, 414, "the request line is too long");
            return false;
        }
        if (requestLine == null) {
            return false; // the client closed the connection between requests
        }
        if (requestLine.isEmpty()) {
            return true; // tolerated: a stray CRLF between requests
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            bare(out, 400, "malformed request line");
            return false;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        while (true) {
            String line;
            try {
                line = readLine(in, limits.maxHeaderBytes());
            } catch (LineTooLongException e) {
                bare(out, 431, "a header is too long");
                return false;
            }
            if (line == null) {
                return false;
            }
            if (line.isEmpty()) {
                break;
            }
            headerBytes += line.length() + 2;
            int colon = line.indexOf(':');
            if (headerBytes > limits.maxHeaderBytes() || colon <= 0) {
                bare(out, colon <= 0 ? 400 : 431, colon <= 0 ? "malformed header" : "the headers are too large");
                return false;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        boolean http10 = parts[2].equals("HTTP/1.0");
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (headers.containsKey("transfer-encoding")) {
            bare(out, 411, "send the body with a Content-Length (chunked request bodies are not accepted)");
            return false;
        }
        long length;
        try {
            length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        } catch (NumberFormatException e) {
            bare(out, 400, "Content-Length is not a number");
            return false;
        }
        if (length < 0 || length > limits.maxBodyBytes()) {
            // Refused before reading it: a 10 MB upload costs us nothing but this answer.
            bare(out, 413, "the body is larger than " + limits.maxBodyBytes() + " bytes");
            return false;
        }
        if (length > 0 && "100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            return false;
        }
        String target = parts[1];
        int q = target.indexOf('?');
        HttpRequest request = new HttpRequest(parts[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), headers, body, raw.getInetAddress());
        HttpExchange exchange = new HttpExchange(request, socket, out, keepAlive);
        try {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            LOG.error("the API failed on {} {}", request.method(), request.path(), e);
            if (!exchange.answered()) {
                exchange.sendError(500, "internal error: " + e.getClass().getSimpleName());
            }
            return false;
        }
        if (!exchange.answered()) {
            exchange.sendError(500, "no answer");
        }
        return exchange.keepsConnection();
    }

    private static void bare(OutputStream out, int status, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + HttpExchange.reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long");
        }
    }

    /** One CRLF- (or LF-) terminated line as ISO-8859-1; null at the end of the stream. */
    private static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= max) {
                throw new LineTooLongException();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops accepting, ends every connection (event streams included) and waits briefly. */
    @Override
    public void close() {
        stopping = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the API listener: {}", e.getMessage());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.trace("closing a connection: {}", e.getMessage());
            }
        }
        if (connections != null) {
            connections.shutdownNow();
            try {
                connections.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
