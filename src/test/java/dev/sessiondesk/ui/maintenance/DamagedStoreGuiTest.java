package dev.sessiondesk.ui.maintenance;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreFixture;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store with garbage on page 2, opened by a real client under Monocle: it turns read-only and says so. */
class DamagedStoreGuiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void aStoreWithGarbageOnPageTwoStopsSavingAndEveryWindowShowsTheWayOn() throws Exception {
        Path data = tmp.resolve("data");
        String sessionId;
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("Before the damage", null);
            for (int i = 1; i <= 3; i++) {
                desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "saved before " + i));
            }
            sessionId = s.id();
        }
        Path db = data.resolve(Store.FILE_NAME);
        assertThat(Files.exists(db.resolveSibling(Store.FILE_NAME + "-wal"))
                && Files.size(db.resolveSibling(Store.FILE_NAME + "-wal")) > 0).as("everything is in the main file").isFalse();
        int pageSize;
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(16);
            pageSize = f.readUnsignedShort();
            byte[] garbage = new byte[pageSize];
            new Random(2).nextBytes(garbage);
            f.seek(pageSize); // page 2
            f.write(garbage);
        }

        DeskClient client = GuiFixture.start(data, List.of("--open", sessionId));
        waitFor("the store check to find the damage", () -> fxGet(() -> client.recoveryOffers().storeDamage().get() != null));
        assertThat(client.desk().store().isReadOnly()).isTrue();
        for (ChatWindow w : fxGet(client::windows)) {
            Node notice = fxGet(() -> w.stage().getScene().lookup("#store-damaged"));
            assertThat(notice).isNotNull();
            assertThat(fxGet(notice::isVisible)).isTrue();
            assertThat(fxGet(() -> notice.lookup("#store-damaged-restore"))).isNotNull();
        }
        ChatWindow w = fxGet(() -> client.windows().stream()
                .filter(x -> sessionId.equals(x.viewModel().sessionId())).findFirst().orElseThrow());
        List<String> statuses = new CopyOnWriteArrayList<>();
        fxRun(() -> w.viewModel().status().textProperty().addListener((o, was, now) -> statuses.add(now)));

        GuiFixture.typeAndPressEnter(w, "typed after the damage");

        waitFor("the refusal in the status line", () -> statuses.stream().anyMatch(t -> t.startsWith("Not sent")));
        waitFor("the send to end", () -> fxGet(() -> !w.viewModel().composer().sendingProperty().get()));
        Thread.sleep(500); // a late "Saved" would land here
        assertThat(statuses).noneMatch(t -> t.startsWith("Saved"));
        assertThat(statuses.stream().filter(t -> t.startsWith("Not sent")).findFirst().orElseThrow()).contains("damaged");
        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("typed after the damage");
        assertThat(fxGet(() -> w.viewModel().messages().size())).isEqualTo(3);
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }
}
