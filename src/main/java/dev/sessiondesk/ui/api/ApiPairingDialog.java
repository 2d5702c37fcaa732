package dev.sessiondesk.ui.api;

import dev.sessiondesk.app.api.ApiSettings;
import dev.sessiondesk.app.api.LocalApi;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Preferences → Phone &amp; local API…: turn the API on or off, allow the LAN (TLS), pick the
 * port; while it runs, the address, the certificate fingerprint and a QR code holding the address
 * and the token, for pairing a phone in one scan. Starting and stopping run off the FX thread.
 */
public final class ApiPairingDialog {
    private static final Texts T = Texts.of("api");
    private static final int QR_SIZE = 220;

    private final Stage stage = new Stage();
    private final CheckBox enabled = new CheckBox(T.get("enabled"));
    private final CheckBox lan = new CheckBox(T.get("lan"));
    private final TextField port = new TextField();
    private final Label status = new Label();
    private final Label fingerprint = new Label();
    private final ImageView qr = new ImageView();
    private final Label hint = new Label(T.get("qr.hint"));
    private final LocalApi api;
    private final TaskRunner runner;

    public ApiPairingDialog(Window owner, LocalApi api, TaskRunner runner) {
        this.api = api;
        this.runner = runner;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(T.get("title"));
        enabled.setId("api-enabled");
        lan.setId("api-lan");
        port.setId("api-port");
        port.setPrefColumnCount(6);
        port.setAccessibleText(T.get("port"));
        status.setId("api-status");
        status.setWrapText(true);
        fingerprint.setId("api-fingerprint");
        fingerprint.setWrapText(true);
        qr.setId("api-qr");
        qr.setAccessibleText(T.get("qr.accessible"));
        hint.setWrapText(true);
        hint.getStyleClass().add("session-meta");
        Button apply = new Button(T.get("apply"));
        apply.setId("api-apply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> apply());
        Button close = new Button(T.get("close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox portRow = new HBox(8, new Label(T.get("port")), port);
        VBox root = new VBox(10, enabled, lan, portRow, status, fingerprint, qr, hint, new HBox(8, spacer, close, apply));
        root.setPadding(new Insets(16));
        stage.setScene(new Scene(root, 460, 560));
        ApiSettings now = api.settings();
        enabled.setSelected(now.enabled());
        lan.setSelected(now.lan());
        port.setText(String.valueOf(now.port()));
        show(api.status());
    }

    /** Preferences' "Phone & local API…" button, which opens this dialog over {@code owner}. */
    public static Button openButton(Window owner, LocalApi api, TaskRunner runner) {
        Button open = new Button(T.get("open"));
        open.setId("pref-api");
        open.setOnAction(e -> new ApiPairingDialog(owner, api, runner).show());
        return open;
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    private void apply() {
        int p;
        try {
            p = Integer.parseInt(port.getText().strip());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            status.setText(T.get("port.invalid", port.getText()));
            return;
        }
        ApiSettings wanted = new ApiSettings(enabled.isSelected(), p, lan.isSelected(), api.settings().allowedOrigin());
        status.setText(wanted.enabled() ? T.get("starting") : T.get("stopping"));
        BackgroundTask.supply("switch the local API", () -> api.change(wanted))
                .onSuccess(this::show)
                .onError(e -> status.setText(T.get("problem", e.getMessage())))
                .executeWith(runner);
    }

    private void show(LocalApi.Status s) {
        if (s.running()) {
            status.setText(T.get("running", s.url()));
            fingerprint.setText(s.fingerprint() == null ? T.get("loopback.only") : T.get("fingerprint", s.fingerprint()));
            qr.setImage(QrCodeImage.of(s.pairingLink(), QR_SIZE));
            qr.setVisible(true);
            hint.setVisible(true);
        } else {
            status.setText(s.problem() == null ? T.get("off") : T.get("problem", s.problem()));
            fingerprint.setText("");
            qr.setImage(null);
            qr.setVisible(false);
            hint.setVisible(false);
        }
    }
}
