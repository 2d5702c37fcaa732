package dev.sessiondesk.ui.api;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.api.ApiSettings;
import dev.sessiondesk.app.api.LocalApi;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.i18n.Texts;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turning the API on in Preferences shows a QR code a phone can scan to connect with the token. */
class ApiPairingDialogTest {
    private static final Texts T = Texts.of("api");
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void turningItOnShowsAScannableCodeThatConnects() throws Exception {
        Path config = tmp.resolve("config");
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"));
             LocalApi api = new LocalApi(desk, new SessionChanges(), config)) {
            desk.sessions().create("Paired", null);
            TaskRunner runner = new TaskRunner(Executors.newSingleThreadExecutor(), Platform::runLater);
            ApiPairingDialog dialog = fx(() -> {
                ApiPairingDialog d = new ApiPairingDialog(null, api, runner);
                d.show();
                return d;
            });
            assertThat(fxGet(() -> label(dialog, "#api-status"))).isEqualTo(T.get("off"));
            fx(() -> {
                ((CheckBox) dialog.stage().getScene().lookup("#api-enabled")).setSelected(true);
                ((TextField) dialog.stage().getScene().lookup("#api-port")).setText("0");
                dialog.stage().getScene().lookup("#api-apply").fireEvent(new javafx.event.ActionEvent());
                return null;
            });
            waitFor("the API to run", () -> fxGet(() -> label(dialog, "#api-status")).startsWith(T.get("running", "http://127.0.0.1:")));
            assertThat(ApiSettings.load(config).enabled()).isTrue(); // remembered for the next launch

            Image code = fxGet(() -> ((ImageView) dialog.stage().getScene().lookup("#api-qr")).getImage());
            String link = fxGet(() -> decode(code));
            assertThat(link).startsWith("sessiondesk://connect?url=").contains("secret=" + api.server().orElseThrow().token().reveal());

            String url = URLDecoder.decode(link.replaceAll(".*url=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(link.replaceAll(".*secret=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            HttpResponse<String> sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/sessions"))
                    .header("X-Secret-Key", secret).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sessions.body()).contains("Paired");

            fx(() -> {
                ((CheckBox) dialog.stage().getScene().lookup("#api-enabled")).setSelected(false);
                dialog.stage().getScene().lookup("#api-apply").fireEvent(new javafx.event.ActionEvent());
                return null;
            });
            waitFor("the API to stop", () -> fxGet(() -> label(dialog, "#api-status")).equals(T.get("off")));
            assertThat(api.server()).isEmpty();
            fx(() -> {
                dialog.stage().close();
                return null;
            });
        }
    }

    private static String label(ApiPairingDialog d, String id) {
        return ((Label) d.stage().getScene().lookup(id)).getText();
    }

    private static String decode(Image image) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb)))).getText();
    }
}
