package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.ui.i18n.Texts;
import java.io.File;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The bottom of a chat window: the composer with its toolbar (attach, model picker, system prompt),
 * the attachments waiting to go, the "queued" line, Send and Stop. Enter sends, or queues while a
 * reply streams; Shift+Enter adds a line; Tab and Shift+Tab leave the composer (Ctrl+Tab inserts a
 * tab); files and images arrive by the button, drag-and-drop and paste. All behaviour is in the models
 * it is given; this class lays them out and wires keys.
 */
public final class ComposerBar {
    private static final Texts TEXT = Texts.of("composer");

    /** What the bar needs from its window. */
    public record Controls(ReadOnlyBooleanProperty replying, ReadOnlyBooleanProperty sending,
                           BooleanExpression blocked, Runnable stop, Window owner) {
    }

    private final TextArea composer;
    private final ReplyQueue queue;
    private final ComposerAttachments attachments;
    private final AssistantChoice choice;
    private final Controls controls;
    private final VBox root = new VBox(4);
    private final Button send = new Button(TEXT.get("send"));
    private final Button stop = new Button(TEXT.get("stop"));
    private final Button attach = new Button(TEXT.get("attach"));
    private final ComboBox<String> modelPicker = new ComboBox<>();
    private final ToggleButton promptToggle = new ToggleButton(TEXT.get("systemPrompt"));
    private final TextArea systemPrompt = new TextArea();
    private final FlowPane chips = new FlowPane(6, 4);
    private boolean settingModel;

    public ComposerBar(TextArea composer, ReplyQueue queue, ComposerAttachments attachments, AssistantChoice choice,
                       Controls controls) {
        this.composer = composer;
        this.queue = queue;
        this.attachments = attachments;
        this.choice = choice;
        this.controls = controls;
        composer.setPromptText(TEXT.get("prompt"));
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        composer.setTextFormatter(new TextFormatter<String>(this::keepFieldSmall));

        send.setId("send");
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.disableProperty().bind(controls.sending().or(controls.blocked()));
        send.setOnAction(e -> queue.submit());
        stop.setId("stop");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> controls.stop().run());
        stop.visibleProperty().bind(controls.replying());
        stop.managedProperty().bind(stop.visibleProperty());
        HBox composerRow = new HBox(8, composer, send, stop);
        composerRow.setAlignment(Pos.BOTTOM_RIGHT);
        composerRow.getStyleClass().add("composer-row");
        HBox.setHgrow(composer, Priority.ALWAYS);

        root.getChildren().addAll(toolbar(), systemPromptEditor(), attachmentRow(), queuedRow(), composerRow);
        root.getStyleClass().add("composer-area");
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dropped);
        // Preferences may have switched the endpoint meanwhile: coming back to the window re-reads who answers.
        controls.owner().focusedProperty().addListener((o, was, focused) -> {
            if (focused) {
                choice.load();
            }
        });
    }

    public Node node() {
        return root;
    }

    // ---- keys, paste, drag-and-drop -----------------------------------------------------------------

    private void composerKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            if (e.isShiftDown()) {
                composer.replaceSelection("\n");
            } else {
                queue.submit();
            }
        } else if (e.getCode() == KeyCode.TAB) {
            e.consume();
            if (e.isControlDown()) {
                composer.replaceSelection("\t");
            } else if (e.isShiftDown()) {
                promptToggle.requestFocus(); // the toolbar's last control sits just before the composer
            } else {
                (send.isDisabled() ? stop : send).requestFocus();
            }
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.V && pasteAttachment()) {
            e.consume();
        }
    }

    /**
     * Text too large for the field (a paste by any means, a drop) goes to the attachment list instead,
     * or is refused there with a message; either way the field stays as it was. Typing passes.
     */
    private TextFormatter.Change keepFieldSmall(TextFormatter.Change change) {
        String added = change.getText();
        int after = change.getControlText().length() - (change.getRangeEnd() - change.getRangeStart()) + added.length();
        if (added.length() > 1 && after > ComposerAttachments.LARGE_TEXT_CHARS) {
            attachments.addLargeText(added);
            return null;
        }
        return change;
    }

    /** Pastes files or an image as attachments; plain text is left to the composer. */
    private boolean pasteAttachment() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasFiles()) {
            attachments.addFiles(clipboard.getFiles().stream().map(File::toPath).toList());
            return true;
        }
        if (clipboard.hasImage() && !clipboard.hasString()) {
            addImage(clipboard.getImage());
            return true;
        }
        return false;
    }

    private void addImage(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        if (w <= 0 || h <= 0 || image.getPixelReader() == null) {
            return;
        }
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        attachments.addImage(TEXT.get("pastedImage") + ".png", w, h, argb); // encoded off the FX thread
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() || e.getDragboard().hasImage() || e.getDragboard().hasString()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean done = false;
        if (e.getDragboard().hasFiles()) {
            attachments.addFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            done = true;
        } else if (e.getDragboard().hasImage()) {
            addImage(e.getDragboard().getImage());
            done = true;
        } else if (e.getDragboard().hasString()) {
            composer.replaceSelection(e.getDragboard().getString()); // large text becomes an attachment
            done = true;
        }
        e.setDropCompleted(done);
        e.consume();
    }

    // ---- the parts ---------------------------------------------------------------------------------

    private FlowPane toolbar() {
        attach.setId("attach");
        attach.setMinWidth(Region.USE_PREF_SIZE);
        attach.setOnAction(e -> chooseFiles());
        attach.disableProperty().bind(controls.blocked());

        modelPicker.setId("model-picker");
        modelPicker.setItems(choice.models());
        modelPicker.setPromptText(TEXT.get("model"));
        modelPicker.setAccessibleText(TEXT.get("model"));
        modelPicker.setOnShowing(e -> choice.refreshModels());
        modelPicker.disableProperty().bind(choice.offlineProperty().or(controls.blocked()));
        modelPicker.valueProperty().addListener((o, was, now) -> {
            if (!settingModel && now != null) {
                choice.chooseModel(now);
            }
        });
        choice.modelProperty().addListener((o, was, now) -> showModel(now));
        showModel(choice.modelProperty().get());
        // The list changing (a refresh) must not pass for the user's choice.
        choice.models().addListener((ListChangeListener<String>) c -> showModel(choice.modelProperty().get()));

        Label who = new Label();
        who.setId("assistant-who");
        who.getStyleClass().add("composer-hint");
        who.textProperty().bind(choice.whoProperty());
        Label problem = new Label();
        problem.setId("model-problem");
        problem.getStyleClass().add("composer-problem");
        problem.textProperty().bind(choice.problemProperty());
        problem.visibleProperty().bind(choice.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);

        promptToggle.setId("system-prompt-toggle");
        promptToggle.setMinWidth(Region.USE_PREF_SIZE);
        // Wraps instead of widening the window when it is narrow.
        FlowPane bar = new FlowPane(8, 4, attach, modelPicker, promptToggle, who, problem);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("composer-toolbar");
        return bar;
    }

    private void showModel(String model) {
        settingModel = true;
        try {
            modelPicker.setValue(model == null || model.isEmpty() ? null : model);
        } finally {
            settingModel = false;
        }
    }

    private TextArea systemPromptEditor() {
        systemPrompt.setId("system-prompt");
        systemPrompt.setPromptText(TEXT.get("systemPromptHint"));
        systemPrompt.setAccessibleText(TEXT.get("systemPrompt"));
        systemPrompt.setWrapText(true);
        systemPrompt.setPrefRowCount(3);
        systemPrompt.visibleProperty().bind(promptToggle.selectedProperty());
        systemPrompt.managedProperty().bind(systemPrompt.visibleProperty());
        systemPrompt.setText(choice.systemPromptProperty().get());
        choice.systemPromptProperty().addListener((o, was, now) -> {
            if (!systemPrompt.isFocused() || systemPrompt.getText().equals(was)) {
                systemPrompt.setText(now);
            }
        });
        // Saved when the user pauses or leaves the field, not on every key.
        PauseTransition debounce = new PauseTransition(Duration.millis(600));
        debounce.setOnFinished(e -> choice.commitSystemPrompt(systemPrompt.getText()));
        systemPrompt.textProperty().addListener((o, was, now) -> {
            if (systemPrompt.isFocused()) {
                debounce.playFromStart();
            }
        });
        systemPrompt.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                debounce.stop();
                choice.commitSystemPrompt(systemPrompt.getText());
            }
        });
        return systemPrompt;
    }

    private VBox attachmentRow() {
        chips.setId("attachments");
        attachments.pending().addListener((ListChangeListener<Attachment>) c -> showChips());
        Label problem = new Label();
        problem.setId("attachment-problem");
        problem.getStyleClass().add("composer-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE); // wraps instead of cutting off the size and the limit
        problem.textProperty().bind(attachments.problemProperty());
        problem.visibleProperty().bind(attachments.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox box = new VBox(2, chips, problem);
        chips.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(attachments.pending()));
        chips.managedProperty().bind(chips.visibleProperty());
        return box;
    }

    private void showChips() {
        chips.getChildren().clear();
        for (Attachment a : attachments.pending()) {
            Label name = new Label(a.name());
            Button remove = new Button("×");
            remove.setAccessibleText(TEXT.get("removeAttachment", a.name()));
            remove.getStyleClass().add("attachment-remove");
            remove.setOnAction(e -> attachments.remove(a));
            HBox chip = new HBox(4, name, remove);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("attachment-chip");
            chips.getChildren().add(chip);
        }
    }

    private HBox queuedRow() {
        Label queued = new Label(TEXT.get("queued"));
        queued.setId("queued-text");
        Hyperlink cancel = new Hyperlink(TEXT.get("cancelQueued"));
        cancel.setId("cancel-queued");
        cancel.setOnAction(e -> queue.cancel());
        HBox row = new HBox(8, queued, cancel);
        row.setId("queued");
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("composer-queued");
        row.visibleProperty().bind(queue.queuedProperty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(TEXT.get("attachTitle"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(TEXT.get("attachAll"), "*"),
                new FileChooser.ExtensionFilter(TEXT.get("attachImages"), "*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp"));
        List<File> files = chooser.showOpenMultipleDialog(controls.owner());
        if (files != null && !files.isEmpty()) {
            attachments.addFiles(files.stream().map(File::toPath).toList());
        }
    }

    public ComboBox<String> modelPicker() {
        return modelPicker;
    }

    public TextArea systemPrompt() {
        return systemPrompt;
    }

    public ToggleButton systemPromptToggle() {
        return promptToggle;
    }

    public Button sendButton() {
        return send;
    }
}
