package dev.sessiondesk.ui.api;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** A QR code as a JavaFX image (ZXing draws the modules; no AWT involved). */
final class QrCodeImage {
    private QrCodeImage() {
    }

    /** The modules of {@code text}, with the quiet zone a scanner needs. */
    static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code for this pairing link: " + e.getMessage(), e);
        }
    }

    static WritableImage of(String text, int size) {
        BitMatrix m = matrix(text, size);
        WritableImage image = new WritableImage(m.getWidth(), m.getHeight());
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                w.setColor(x, y, m.get(x, y) ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }
}
