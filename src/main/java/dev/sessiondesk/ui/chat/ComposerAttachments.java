package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.app.chat.AttachmentReader;
import dev.sessiondesk.app.chat.PngImages;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.text.Sizes;
import dev.sessiondesk.model.MessageSize;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The files and images waiting to go with the next message (button, drag-and-drop, paste). Files are
 * read and images encoded off the FX thread; a refused file (too large, neither image nor text) leaves
 * a plain message in {@link #problemProperty()} and nothing else changes.
 *
 * <p>Text longer than {@link #LARGE_TEXT_CHARS} (a paste, a drop, a draft from the last run) waits here
 * too instead of in the composer's text field: a JavaFX TextArea lays out its whole text on the FX
 * thread, and megabytes of it froze the window (issue 18 item 8). 256 K characters is about 4,000 lines
 * of prose, far more than anyone reads in a text field, and still lays out in a fraction of a second.
 * Pasted text may be as large as one message can hold ({@link MessageSize#MAX_TEXT_CHARS}), larger than
 * the 1 MB limit of text files: it was meant as message text, and is sent as such.
 */
public final class ComposerAttachments {
    private static final Texts TEXT = Texts.of("composer");
    /** Pasted or restored text longer than this becomes an attachment instead of text in the field. */
    public static final int LARGE_TEXT_CHARS = 256 * 1024;

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

    /**
     * Pasted or dropped text too large for the text field. More than one message can hold is refused
     * with the size and the limit, and nothing changes; returns whether it was added.
     */
    public boolean addLargeText(String text) {
        if (text.length() > MessageSize.MAX_TEXT_CHARS) {
            problem.set(TEXT.get("pasteTooLarge", MessageSize.mb(text.length()), MessageSize.mb(MessageSize.MAX_TEXT_CHARS)));
            return false;
        }
        problem.set(null);
        pending.add(largeText("pastedText", text));
        return true;
    }

    /** The last run's draft, too large for the text field: kept whole, even if it is too large to send. */
    public void restoreLargeDraft(String text) {
        pending.add(largeText("restoredDraft", text));
        problem.set(text.length() > MessageSize.MAX_TEXT_CHARS ? TEXT.get("draftTooLarge", MessageSize.mb(text.length()),
                MessageSize.mb(MessageSize.MAX_TEXT_CHARS)) : null);
    }

    /** The large texts waiting, in order, blank-line separated: they belong to the window's draft. */
    public String largeText() {
        return pending.stream().filter(a -> a.kind() == Attachment.Kind.PASTED_TEXT).map(Attachment::data)
                .collect(Collectors.joining("\n\n"));
    }

    private static Attachment largeText(String nameKey, String text) {
        return new Attachment(Attachment.Kind.PASTED_TEXT, TEXT.get(nameKey, MessageSize.mb(text.length())),
                "text/plain", text.length(), text);
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
            String size = Texts.say(Sizes.human(r.size()));
            String limit = Texts.say(Sizes.human(r.limit()));
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
