package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.StoreFixture;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;

/**
 * For screenshots under Xvfb (not a test): a client on {@code args[0]}, then on each line from stdin
 * the next scene — {@code import DIR} (the import summary), {@code verify} (a tampered session and
 * the Verify Store report). Prints {@code @@SHOWN} when the scene is on screen.
 */
public final class MaintenanceScreenshotMain {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        CompletableFuture<DeskClient> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            Platform.setImplicitExit(false);
            DeskClient c = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withTimings(GuiFixture.fastTimings())
                    .withGooseFinder(new GooseSessionsFinder(Map.of(), data.resolve("no-home"))), () -> { });
            c.start().whenComplete((o, e) -> ready.complete(c));
        });
        DeskClient client = ready.get(60, TimeUnit.SECONDS);
        GuiFixture.waitFor("a window", () -> GuiFixture.fxGet(() -> !client.windows().isEmpty()));
        client.awaitStartMaintenance();
        MaintenanceController c = client.maintenanceController();
        System.out.println("@@READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("import ")) {
                Path dir = Path.of(line.substring(7));
                GuiFixture.fx(() -> c.importPath(client.windows().get(0).stage(), dir)).get(60, TimeUnit.SECONDS);
            } else if (line.equals("verify")) {
                GuiFixture.fxRun(() -> {
                    if (c.lastReport() != null) {
                        c.lastReport().stage().close();
                    }
                });
                Session s = client.desk().sessions().create("Planning the release", null);
                for (int i = 1; i <= 4; i++) {
                    client.desk().sessions().append(s.id(), StoreFixture.text(i % 2 == 1 ? Role.USER : Role.ASSISTANT,
                            "message " + i));
                }
                GuiFixture.fx(() -> c.backUpNow(null)).get(60, TimeUnit.SECONDS);
                GuiFixture.fxRun(() -> c.lastReport().stage().close());
                StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"edited behind the app\","
                        + "\"type\":\"text\"}]' WHERE session_id = '" + s.id() + "' AND seq = 2");
                GuiFixture.fx(() -> c.verifyStore(client.windows().get(0).stage())).get(60, TimeUnit.SECONDS);
            } else if (line.startsWith("shot ")) {
                Path file = Path.of(line.substring(5));
                GuiFixture.fxRun(() -> composite(file));
            } else if (line.equals("quit")) {
                GuiFixture.fx(client::quit).get(30, TimeUnit.SECONDS);
                Platform.exit();
                return;
            }
            Thread.sleep(2000);
            System.out.println("@@SHOWN");
        }
    }

    /**
     * The showing windows drawn by JavaFX itself at their screen places, into one PNG. Under Xvfb
     * without a window manager the X window of a dialog stays black (its content never reaches the
     * screen), so xwd alone cannot show it; this draws what the dialog actually renders.
     */
    static void composite(Path file) {
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(1280, 800,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (!w.isShowing() || w.getScene() == null) {
                continue;
            }
            javafx.scene.image.WritableImage img = w.getScene().snapshot(null);
            int width = (int) img.getWidth();
            int height = (int) img.getHeight();
            int[] pixels = new int[width * height];
            img.getPixelReader().getPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    pixels, 0, width);
            int x0 = (int) w.getX();
            int y0 = (int) w.getY();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int px = x0 + x;
                    int py = y0 + y;
                    if (px >= 0 && py >= 0 && px < 1280 && py < 800) {
                        out.setRGB(px, py, pixels[y * width + x]);
                    }
                }
            }
            if (w instanceof javafx.stage.Stage st && st.getOwner() != null) {
                // a thin frame, as a window manager would draw, so the dialog stands out from its window
                java.awt.Graphics2D g = out.createGraphics();
                g.setColor(new java.awt.Color(0x55, 0x5f, 0x6b));
                g.drawRect(x0 - 1, y0 - 1, width + 1, height + 1);
                g.dispose();
            }
        }
        try {
            javax.imageio.ImageIO.write(out, "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
