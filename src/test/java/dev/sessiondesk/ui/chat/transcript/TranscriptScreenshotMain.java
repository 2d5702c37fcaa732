package dev.sessiondesk.ui.chat.transcript;

import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * For screenshots under Xvfb (not a test): a client on {@code args[0]} whose window shows the
 * fixture conversation of {@link TranscriptViewTest}; each stdin line {@code light} or {@code dark}
 * switches the transcript's theme ({@code js SCRIPT} runs a script in its page), then {@code @@SHOWN} is printed; {@code quit} ends it.
 */
public final class TranscriptScreenshotMain {
    /** A 160x90 gradient, so the screenshot shows an image rather than the tests' 4x3 pixels. */
    private static String picture() throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(160, 90, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 160; x++) {
                img.setRGB(x, y, (x * 255 / 160) << 16 | (y * 255 / 90) << 8 | 180);
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        return java.util.Base64.getEncoder().encodeToString(png.toByteArray());
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        CompletableFuture<DeskClient> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            Platform.setImplicitExit(false);
            DeskClient c = new DeskClient(ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withTimings(GuiFixture.fastTimings()), () -> { });
            c.start().whenComplete((o, e) -> ready.complete(c));
        });
        DeskClient client = ready.get(60, TimeUnit.SECONDS);
        GuiFixture.waitFor("a window", () -> GuiFixture.fxGet(() -> !client.windows().isEmpty()));
        Session s = client.desk().sessions().create("Rendering check", null);
        for (Message m : TranscriptViewTest.conversation()) {
            String json = m.seq() == 5 ? m.contentJson().replace(TranscriptFixture.PNG, picture()) : m.contentJson();
            client.desk().sessions().append(s.id(), new NewMessage(null, m.role(), m.created(), json, true, true));
        }
        ChatWindow w = GuiFixture.fxGet(() -> client.windows().get(0));
        GuiFixture.fxRun(() -> w.viewModel().open(s.id()));
        GuiFixture.waitFor("the conversation", () -> GuiFixture.fxGet(() -> w.transcript().isLoaded()
                && w.visibleMessages().size() == 5));
        System.out.println("@@READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("quit")) {
                GuiFixture.fx(client::quit).get(30, TimeUnit.SECONDS);
                Platform.exit();
                return;
            }
            if (line.startsWith("js ")) {
                String script = line.substring(3);
                GuiFixture.fxRun(() -> w.transcript().script(script));
            } else {
                boolean dark = line.equals("dark");
                GuiFixture.fxRun(() -> w.transcript().setTheme(dark));
            }
            Thread.sleep(1500);
            System.out.println("@@SHOWN");
        }
    }
}
