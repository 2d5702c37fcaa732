package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.app.chat.AttachmentReader;
import dev.sessiondesk.app.chat.PngImages;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The files and images waiting to go with the next message (button, drag-and-drop, paste). Files are
 * read and images encoded off the FX thread; a refused file (too large, neither image nor text) leaves
 * a plain message in {@link #problemProperty()} and nothing else changes.
 */
public final class ComposerAttachments {
    private static final Texts TEXT = Texts.of("composer");

    private final TaskRunner runner;
    private final ObservableList<Attachment> pending = FXCollections.observableArrayList();
    private final SimpleStringProperty problem = new SimpleStringProperty();

    public ComposerAttachments(TaskRunner runner) {
        this.runner = runner;
    }

    public void addFiles(List<Path> files) {
        problem.set(null);
        for (Path file : files) {
            BackgroundTask.supply("attach " + file, () -> AttachmentReader.read(file))
                    .onSuccess(pending::add)
                    .onError(this::refused)
                    .executeWith(runner);
        }
    }

    /** A pasted image: its pixels (read on the FX thread) are encoded as PNG in the background. */
    public void addImage(String name, int width, int height, int[] argb) {
        problem.set(null);
        BackgroundTask.supply("attach the pasted image " + name,
                        () -> AttachmentReader.image(name, "image/png", PngImages.encode(width, height, argb)))
                .onSuccess(pending::add)
                .onError(this::refused)
                .executeWith(runner);
    }

    public void remove(Attachment a) {
        pending.remove(a);
    }

    /** Sent: these attachments went with the message. */
    public void sent(List<Attachment> withMessage) {
        pending.removeAll(withMessage);
        problem.set(null);
    }

    public ObservableList<Attachment> pending() {
        return pending;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public void clearProblem() {
        problem.set(null);
    }

    private void refused(Throwable e) {
        if (e instanceof AttachmentReader.Refused r) {
            String size = AttachmentReader.humanSize(r.size());
            String limit = AttachmentReader.humanSize(r.limit());
            problem.set(switch (r.reason()) {
                case TOO_LARGE_IMAGE -> TEXT.get("imageTooLarge", r.fileName(), size, limit);
                case TOO_LARGE_TEXT -> TEXT.get("textTooLarge", r.fileName(), size, limit);
                case NOT_TEXT -> TEXT.get("notTextOrImage", r.fileName());
                case UNREADABLE -> TEXT.get("unreadable", r.fileName(), r.getMessage());
            });
        } else {
            problem.set(TEXT.get("unreadable", "", e.getMessage()));
        }
    }
}
