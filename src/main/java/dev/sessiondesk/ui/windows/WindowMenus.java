package dev.sessiondesk.ui.windows;

import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.i18n.Texts;
import dev.sessiondesk.ui.theme.Appearance;
import dev.sessiondesk.ui.theme.ThemeChoice;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/**
 * What every chat window's menu bar gets from the window side: a mnemonic on each top menu (Alt+F
 * opens File), View → Theme and text size, and a Window menu listing the open windows (choosing one
 * brings it to the front).
 */
final class WindowMenus {
    private static final Texts T = Texts.of("window");

    private WindowMenus() {
    }

    static void addTo(MenuBar bar, ChatWindow window, Supplier<List<ChatWindow>> openWindows, Appearance appearance) {
        if (appearance != null) {
            bar.getMenus().stream().filter(m -> "menu-view".equals(m.getId()) || m.getText().equals("View")
                    || m.getText().equals("_View")).findFirst().ifPresent(view -> addLook(view, appearance));
        }
        Menu windows = new Menu(T.get("menu.window"));
        windows.setId("menu-window");
        windows.getItems().add(new MenuItem()); // a menu without items never shows, so never asks for them
        windows.setOnShowing(e -> fillWindows(windows, window, openWindows.get()));
        int help = indexOfHelp(bar);
        bar.getMenus().add(help < 0 ? bar.getMenus().size() : help, windows);
        for (Menu m : bar.getMenus()) {
            String text = m.getText();
            if (text != null && !text.isEmpty() && !text.contains("_")) {
                m.setText("_" + text); // Alt + the first letter opens it
            }
            m.setMnemonicParsing(true);
        }
    }

    private static int indexOfHelp(MenuBar bar) {
        for (int i = 0; i < bar.getMenus().size(); i++) {
            String t = bar.getMenus().get(i).getText();
            if ("menu-help".equals(bar.getMenus().get(i).getId()) || (t != null && t.replace("_", "").equalsIgnoreCase("Help"))) {
                return i;
            }
        }
        return -1;
    }

    static void fillWindows(Menu menu, ChatWindow current, List<ChatWindow> open) {
        menu.getItems().clear();
        ToggleGroup group = new ToggleGroup();
        int n = 1;
        for (ChatWindow w : open) {
            RadioMenuItem item = new RadioMenuItem(T.get("window.item", n, w.viewModel().titleProperty().get()));
            item.setMnemonicParsing(false);
            item.setToggleGroup(group);
            item.setSelected(w == current);
            item.setId("window-" + w.viewModel().windowId());
            if (n <= 9) {
                item.setAccelerator(KeyCombination.keyCombination("Shortcut+Alt+" + n));
            }
            item.setOnAction(e -> {
                w.stage().show();
                w.stage().toFront();
                w.stage().requestFocus();
            });
            menu.getItems().add(item);
            n++;
        }
    }

    private static void addLook(Menu view, Appearance appearance) {
        Menu theme = new Menu(T.get("menu.theme"));
        theme.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (ThemeChoice choice : ThemeChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(T.get("theme." + choice.name().toLowerCase(Locale.ROOT)));
            item.setId("theme-" + choice.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(appearance.preferencesProperty().get().theme() == choice);
            item.setOnAction(e -> appearance.choose(choice));
            theme.getItems().add(item);
        }
        theme.setOnShowing(e -> group.getToggles().forEach(t -> t.setSelected(
                ((RadioMenuItem) t).getId().equals("theme-" + appearance.preferencesProperty().get().theme()
                        .name().toLowerCase(Locale.ROOT)))));
        // Appearance also takes Ctrl+= and the keypad's keys in every window (dialogs too).
        MenuItem larger = new MenuItem(T.get("text.larger"));
        larger.setId("text-larger");
        larger.setAccelerator(KeyCombination.keyCombination("Shortcut+PLUS"));
        larger.setOnAction(e -> appearance.larger());
        MenuItem smaller = new MenuItem(T.get("text.smaller"));
        smaller.setId("text-smaller");
        smaller.setAccelerator(KeyCombination.keyCombination("Shortcut+MINUS"));
        smaller.setOnAction(e -> appearance.smaller());
        MenuItem actual = new MenuItem(T.get("text.actual"));
        actual.setId("text-actual");
        actual.setAccelerator(KeyCombination.keyCombination("Shortcut+DIGIT0"));
        actual.setOnAction(e -> appearance.actualSize());
        view.getItems().addAll(new SeparatorMenuItem(), theme, larger, smaller, actual);
    }
}
