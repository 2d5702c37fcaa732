package dev.sessiondesk.ui.chat.transcript;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;

/**
 * What a message offers — the same actions from its hover toolbar, its context menu and its keys:
 * copy, copy code, edit and resend, regenerate, hide or show again, duplicate from here, and the
 * branch switcher. The work itself is the view model's ({@link TranscriptActions}).
 */
final class MessageMenu {
    private final TranscriptView view;
    private final TranscriptActions actions;
    private final Texts texts;
    private ContextMenu shown;

    MessageMenu(TranscriptView view, TranscriptActions actions, Texts texts) {
        this.view = view;
        this.actions = actions;
        this.texts = texts;
    }

    /** Does {@code action} (a toolbar button's or key's name) to message {@code seq}. */
    void perform(String action, int seq, Node owner) {
        Message m = view.messageAt(seq);
        if (m == null) {
            return;
        }
        switch (action) {
            case "copy" -> view.copyMessage(seq);
            case "edit" -> {
                if (m.role() == Role.USER) {
                    edit(seq, owner);
                }
            }
            case "regenerate" -> {
                if (m.role() != Role.USER) {
                    actions.regenerate(seq);
                }
            }
            case "hide" -> actions.hide(seq);
            case "unhide" -> actions.unhide(seq);
            case "duplicate" -> actions.duplicateFrom(seq);
            case "branch-prev" -> actions.switchBranch(seq, -1);
            case "branch-next" -> actions.switchBranch(seq, +1);
            case "menu" -> {
                var b = owner.localToScreen(owner.getBoundsInLocal());
                show(owner, seq, view.selectionText(), null, b.getMinX() + 40, b.getMinY() + 40);
            }
            default -> { } // the page asks only for the actions above
        }
    }

    /** The context menu at a point: copying what is selected or under the pointer, then the message's actions. */
    void show(Node owner, int seq, String selection, String code, double screenX, double screenY) {
        if (shown != null) {
            shown.hide();
        }
        ContextMenu menu = new ContextMenu();
        menu.setId("transcript-menu");
        MenuItem copySelection = item("menu-copy", texts.get("menu.copySelection"), () -> view.toClipboard(selection));
        copySelection.setDisable(selection == null || selection.isEmpty());
        menu.getItems().add(copySelection);
        if (code != null) {
            menu.getItems().add(item("menu-copy-code", texts.get("menu.copyCode"), () -> view.toClipboard(code)));
        }
        Message m = seq > 0 ? view.messageAt(seq) : null;
        if (m != null) {
            menu.getItems().add(item("menu-copy-message", texts.get("menu.copyMessage"), () -> view.copyMessage(seq)));
            menu.getItems().add(new SeparatorMenuItem());
            if (m.role() == Role.USER) {
                menu.getItems().add(item("menu-edit", texts.get("menu.edit"), () -> edit(seq, owner)));
            } else {
                menu.getItems().add(item("menu-regenerate", texts.get("menu.regenerate"), () -> actions.regenerate(seq)));
            }
            menu.getItems().add(m.userVisible()
                    ? item("menu-hide", texts.get("menu.hide"), () -> actions.hide(seq))
                    : item("menu-unhide", texts.get("menu.unhide"), () -> actions.unhide(seq)));
            menu.getItems().add(item("menu-duplicate", texts.get("menu.duplicate"), () -> actions.duplicateFrom(seq)));
            actions.branchAt(seq).ifPresent(p -> {
                MenuItem prev = item("menu-branch-prev", texts.get("menu.branchPrev", p.index(), p.count()),
                        () -> actions.switchBranch(seq, -1));
                prev.setDisable(p.index() <= 1);
                MenuItem next = item("menu-branch-next", texts.get("menu.branchNext", p.index(), p.count()),
                        () -> actions.switchBranch(seq, +1));
                next.setDisable(p.index() >= p.count());
                menu.getItems().addAll(new SeparatorMenuItem(), prev, next);
            });
        }
        shown = menu;
        menu.show(owner, screenX, screenY);
    }

    ContextMenu shownMenu() {
        return shown;
    }

    /** Edit and resend: the text in a dialog; OK makes a branch with the new text (the original stays). */
    private void edit(int seq, Node owner) {
        TextArea area = new TextArea(view.textOf(seq));
        area.setId("edit-text");
        area.setWrapText(true);
        area.setPrefRowCount(8);
        area.setPrefColumnCount(60);
        Dialog<String> dialog = new Dialog<>();
        if (owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle(texts.get("edit.title"));
        dialog.setHeaderText(texts.get("edit.header"));
        ButtonType resend = new ButtonType(texts.get("edit.resend"), ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(resend, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(area);
        dialog.setResultConverter(b -> b == resend ? area.getText() : null);
        dialog.setOnShown(e -> area.requestFocus());
        dialog.showAndWait().filter(t -> !t.isBlank()).ifPresent(t -> actions.editAndResend(seq, t));
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
