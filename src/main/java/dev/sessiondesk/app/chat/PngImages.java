package dev.sessiondesk.app.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes ARGB pixels (what JavaFX's {@code PixelReader} gives for a pasted image) as a PNG file,
 * without AWT or javafx-swing. Pure computation: call it off the FX thread for big images.
 */
public final class PngImages {
    private PngImages() {
    }

    public static byte[] encode(int width, int height, int[] argb) {
        if (width <= 0 || height <= 0 || argb.length < width * height) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " needs " + (width * height)
                    + " pixels, got " + argb.length);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            writeInt(header, width);
            writeInt(header, height);
            header.write(new byte[] {8, 6, 0, 0, 0}); // 8 bits per channel, RGBA, deflate, no filter, no interlace
            chunk(out, "IHDR", header.toByteArray());
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw)) {
                byte[] row = new byte[1 + width * 4];
                for (int y = 0; y < height; y++) {
                    row[0] = 0; // filter type: none
                    for (int x = 0; x < width; x++) {
                        int p = argb[y * width + x];
                        int i = 1 + x * 4;
                        row[i] = (byte) (p >> 16);
                        row[i + 1] = (byte) (p >> 8);
                        row[i + 2] = (byte) p;
                        row[i + 3] = (byte) (p >>> 24);
                    }
                    deflate.write(row);
                }
            }
            chunk(out, "IDAT", raw.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(out, data.length);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
