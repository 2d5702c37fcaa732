package dev.sessiondesk.app.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte for byte on a socket: for what a normal client will not send (a forged
 * {@code Host}, a path with encoded {@code ../}, a 10 MB body announced up front).
 */
final class RawHttp {
    record Answer(int status, String head, String body) {
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Answer exchange(String head) throws IOException {
        return exchange(head, new byte[0]);
    }

    Answer exchange(String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(s.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        String text = "";
        while ((n = in.read(buf)) != -1) {
            all.write(buf, 0, n);
            text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int length = contentLength(text.substring(0, end));
                if (length >= 0 && all.size() >= end + 4 + length) {
                    break;
                }
            }
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.split(" ")[1]);
        return new Answer(status, head, text.substring(end + 4));
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
