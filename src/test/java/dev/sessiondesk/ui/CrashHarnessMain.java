package dev.sessiondesk.ui;

import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The app in a child JVM, driven over stdin for the crash test. Commands: {@code new-window},
 * {@code type I TEXT}, {@code send I TEXT}, {@code sync I}, {@code state}, {@code quit}. It prints
 * {@code @@ACK session seq text} whenever a window shows a user message as sent: exactly the
 * messages the user has seen as sent, which must all be in the store after a SIGKILL.
 */
public final class CrashHarnessMain {
    private static final PrintStream OUT = System.out;
    private static final Set<ChatWindow> WATCHED = new HashSet<>();

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        CompletableFuture<DeskClient> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            Platform.setImplicitExit(false);
            DeskClient client = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(dataDir, LaunchRequest.parse(List.of()))
                    .withTimings(GuiFixture.fastTimings()), () -> { });
            client.start().whenComplete((o, e) -> {
                if (e != null) {
                    ready.completeExceptionally(e);
                } else {
                    ready.complete(client);
                }
            });
        });
        DeskClient client = ready.get(60, TimeUnit.SECONDS);
        GuiFixture.waitFor("windows with sessions", () -> GuiFixture.fxGet(() -> !client.windows().isEmpty()
                && client.windows().stream().allMatch(w -> w.viewModel().sessionId() != null)));
        GuiFixture.fxRun(() -> watch(client));
        say("@@READY " + GuiFixture.fxGet(() -> client.windows().size()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split(" ", 3);
            switch (parts[0]) {
                case "new-window" -> {
                    int before = GuiFixture.fxGet(() -> client.windows().size());
                    GuiFixture.fxRun(() -> client.coordinator().newWindow());
                    GuiFixture.waitFor("a new window", () -> GuiFixture.fxGet(() -> client.windows().size() == before + 1
                            && client.windows().stream().allMatch(w -> w.viewModel().sessionId() != null)));
                    GuiFixture.fxRun(() -> watch(client));
                    say("@@WINDOWS " + (before + 1));
                }
                case "type" -> {
                    int i = Integer.parseInt(parts[1]);
                    String text = decode(parts[2]);
                    GuiFixture.fxRun(() -> client.windows().get(i).composer().setText(text));
                    say("@@TYPED " + i);
                }
                case "send" -> {
                    int i = Integer.parseInt(parts[1]);
                    String text = decode(parts[2]);
                    // Waits until the window's previous message is saved (Enter is ignored meanwhile), but
                    // not for this one's commit: the next command may arrive while it is saving.
                    GuiFixture.waitFor("window " + i + " ready to send", () -> GuiFixture.fxGet(
                            () -> !client.windows().get(i).viewModel().composer().sendingProperty().get()));
                    Platform.runLater(() -> {
                        ChatWindow w = client.windows().get(i);
                        w.composer().setText(text);
                        w.composer().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER,
                                false, false, false, false));
                    });
                }
                case "state" -> {
                    GuiFixture.fxRun(() -> {
                        for (ChatWindow w : client.windows()) {
                            say("@@WINDOW " + w.viewModel().windowId() + " " + w.viewModel().sessionId() + " "
                                    + encode(w.composer().getText()) + " " + w.viewModel().messages().size()
                                    + " " + w.banner().isVisible());
                        }
                    });
                    say("@@END");
                }
                case "sync" -> {
                    int i = Integer.parseInt(parts[1]);
                    GuiFixture.fxRun(() -> client.coordinator().syncNow(client.windows().get(i)));
                    GuiFixture.waitFor("the sync report", () -> GuiFixture.fxGet(
                            () -> client.windows().get(i).status().getText().startsWith("Sync")
                                    && !client.windows().get(i).status().getText().equals("Syncing…")));
                    say("@@SYNCED " + encode(GuiFixture.fxGet(() -> client.windows().get(i).status().getText())));
                }
                case "quit" -> {
                    GuiFixture.fx(client::quit).get(30, TimeUnit.SECONDS);
                    say("@@BYE");
                    System.exit(0);
                }
                default -> say("@@UNKNOWN " + line);
            }
        }
    }

    private static void watch(DeskClient client) {
        for (ChatWindow w : client.windows()) {
            if (WATCHED.add(w)) {
                w.viewModel().messages().addListener((ListChangeListener<Message>) c -> {
                    while (c.next()) {
                        for (Message m : c.getAddedSubList()) {
                            if (m.role() == Role.USER) {
                                say("@@ACK " + m.sessionId() + " " + m.seq() + " "
                                        + encode(ContentItems.plainText(m.contentJson())));
                            }
                        }
                    }
                });
            }
        }
    }

    private static synchronized void say(String line) {
        OUT.println(line);
        OUT.flush();
    }

    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
