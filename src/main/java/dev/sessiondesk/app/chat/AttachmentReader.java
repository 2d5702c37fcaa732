package dev.sessiondesk.app.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads a file the user attaches (button, drag-and-drop, paste) into an {@link Attachment}: an image
 * (PNG, JPEG, GIF, WebP, recognised by its first bytes) up to {@link #IMAGE_LIMIT}, or UTF-8 text up
 * to {@link #TEXT_LIMIT}. Anything else, or anything larger, is refused with the reason. Blocks on the
 * disk: call it off the FX thread.
 */
public final class AttachmentReader {
    public static final long IMAGE_LIMIT = 10L * 1024 * 1024;
    public static final long TEXT_LIMIT = 1024L * 1024;

    /** Why a file cannot be attached; the window words it for the user. */
    public static final class Refused extends Exception {
        public enum Reason { TOO_LARGE_IMAGE, TOO_LARGE_TEXT, NOT_TEXT, UNREADABLE }

        private final Reason reason;
        private final String fileName;
        private final long size;
        private final long limit;

        Refused(Reason reason, String fileName, long size, long limit, String message) {
            super(message);
            this.reason = reason;
            this.fileName = fileName;
            this.size = size;
            this.limit = limit;
        }

        public Reason reason() {
            return reason;
        }

        public String fileName() {
            return fileName;
        }

        public long size() {
            return size;
        }

        public long limit() {
            return limit;
        }
    }

    private AttachmentReader() {
    }

    public static Attachment read(Path file) throws Refused {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size;
        byte[] head = new byte[12];
        int headLength;
        try {
            if (!Files.isRegularFile(file)) {
                throw new Refused(Refused.Reason.UNREADABLE, name, 0, 0, file + " is not a file");
            }
            size = Files.size(file);
            try (var in = Files.newInputStream(file)) {
                headLength = in.readNBytes(head, 0, head.length);
            }
        } catch (IOException e) {
            throw new Refused(Refused.Reason.UNREADABLE, name, 0, 0, "cannot read " + file + ": " + e.getMessage());
        }
        String imageType = imageType(head, headLength);
        if (imageType != null) {
            if (size > IMAGE_LIMIT) {
                throw new Refused(Refused.Reason.TOO_LARGE_IMAGE, name, size, IMAGE_LIMIT, name + " is " + size
                        + " bytes; images can be at most " + IMAGE_LIMIT + " bytes");
            }
            return image(name, imageType, readAll(file, name));
        }
        if (size > TEXT_LIMIT) {
            throw new Refused(Refused.Reason.TOO_LARGE_TEXT, name, size, TEXT_LIMIT, name + " is " + size
                    + " bytes; text files can be at most " + TEXT_LIMIT + " bytes");
        }
        byte[] bytes = readAll(file, name);
        return new Attachment(Attachment.Kind.TEXT, name, "text/plain", bytes.length, text(name, bytes));
    }

    /** A pasted or dropped image that has no file (already encoded, e.g. as PNG). */
    public static Attachment image(String name, String mimeType, byte[] bytes) throws Refused {
        if (bytes.length > IMAGE_LIMIT) {
            throw new Refused(Refused.Reason.TOO_LARGE_IMAGE, name, bytes.length, IMAGE_LIMIT, name + " is "
                    + bytes.length + " bytes; images can be at most " + IMAGE_LIMIT + " bytes");
        }
        return new Attachment(Attachment.Kind.IMAGE, name, mimeType, bytes.length, Base64.getEncoder().encodeToString(bytes));
    }

    /** The image MIME type from a file's first bytes, or null. */
    static String imageType(byte[] b, int n) {
        if (n >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (n >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (n >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (n >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static byte[] readAll(Path file, String name) throws Refused {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Refused(Refused.Reason.UNREADABLE, name, 0, 0, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(String name, byte[] bytes) throws Refused {
        for (byte b : bytes) {
            if (b == 0) {
                throw notText(name, bytes.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText(name, bytes.length);
        }
    }

    private static Refused notText(String name, long size) {
        return new Refused(Refused.Reason.NOT_TEXT, name, size, 0, name + " is neither an image (PNG, JPEG, GIF, WebP)"
                + " nor UTF-8 text");
    }

    /** "12.4 MB", "640 KB": sizes as people read them. */
    public static String humanSize(long bytes) {
        if (bytes >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(1, (bytes + 1023) / 1024));
    }
}
