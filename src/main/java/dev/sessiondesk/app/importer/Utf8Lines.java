package dev.sessiondesk.app.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file one line at a time and decodes each line as strict UTF-8 on its own, so an invalid
 * byte is reported on the line that holds it (a buffered {@code Reader} decodes ahead and would blame
 * an earlier line). Only the current line is in memory.
 */
public final class Utf8Lines implements AutoCloseable {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int lineNumber;
    private long bytesRead;
    private boolean eof;

    public Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The line number of the line last returned by {@link #next()} (1-based). */
    public int lineNumber() {
        return lineNumber;
    }

    long bytesRead() {
        return bytesRead;
    }

    /**
     * The next line without its line break, or null at the end of the file.
     *
     * @throws CharacterCodingException when the line is not valid UTF-8 (the line is consumed, so
     *                                  reading can go on with the next one)
     */
    public String next() throws IOException {
        if (!readRawLine()) {
            return null;
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            start = 3; // a byte-order mark is not part of the JSON
        }
        decoder.reset();
        return decoder.decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
    }

    private boolean readRawLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof) {
                    return any;
                }
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    return any;
                }
                bytesRead += limit;
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            line.write(buffer, start, pos - start);
            if (pos < limit) {
                pos++; // the '\n'
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
