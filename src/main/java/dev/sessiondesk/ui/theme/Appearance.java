package dev.sessiondesk.ui.theme;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;

/**
 * The look of every window of one client: the theme's colours, sessiondesk.css and the font size,
 * applied to each window as it appears (chat windows, dialogs, alerts alike), and the keys
 * Ctrl+Plus / Ctrl+Minus / Ctrl+0 in each of them. A change is applied at once and handed to
 * {@code save} (which writes it in the background) so the next start looks the same.
 */
public final class Appearance {
    public static final String APP_STYLESHEET = Objects.requireNonNull(
            Appearance.class.getResource("/dev/sessiondesk/ui/sessiondesk.css")).toExternalForm();
    private static final double STEP = 1;

    private final ObjectProperty<UiPreferences> preferences;
    private final BooleanProperty desktopDark = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>();
    private final Consumer<UiPreferences> save;
    // Weak: a closed dialog's scene must not be kept alive by the theme.
    private final Set<Scene> styled = Collections.newSetFromMap(new WeakHashMap<>());
    private final ListChangeListener<Window> windowsAppearing = c -> {
        while (c.next()) {
            c.getAddedSubList().forEach(this::follow);
        }
    };
    private final ChangeListener<Scene> sceneSwapped = (o, was, now) -> {
        if (now != null) {
            style(now);
        }
    };
    private final EventHandler<KeyEvent> fontKeys = this::fontKey;
    private boolean installed;

    /** @param save called on the FX thread with each new choice; it must not block (write in the background) */
    public Appearance(UiPreferences initial, boolean desktopPrefersDark, Consumer<UiPreferences> save) {
        this.preferences = new SimpleObjectProperty<>(Objects.requireNonNull(initial));
        this.desktopDark.set(desktopPrefersDark);
        this.save = save;
        theme.set(initial.theme().resolve(desktopPrefersDark));
        preferences.addListener((o, was, now) -> changed(was, now));
        desktopDark.addListener((o, was, now) -> changed(preferences.get(), preferences.get()));
    }

    /** Styles every window that is or will be shown, until {@link #uninstall()}. */
    public void install() {
        if (installed) {
            return;
        }
        installed = true;
        Window.getWindows().forEach(this::follow);
        Window.getWindows().addListener(windowsAppearing);
    }

    public void uninstall() {
        installed = false;
        Window.getWindows().removeListener(windowsAppearing);
        Window.getWindows().forEach(w -> w.sceneProperty().removeListener(sceneSwapped));
        styled.clear();
    }

    private void follow(Window w) {
        w.sceneProperty().removeListener(sceneSwapped);
        w.sceneProperty().addListener(sceneSwapped);
        if (w.getScene() != null) {
            style(w.getScene());
        }
    }

    /** Gives {@code scene} the current theme, the app's stylesheet, the font size and the font keys. */
    public void style(Scene scene) {
        List<String> sheets = scene.getStylesheets();
        sheets.removeIf(Appearance::isOurs);
        // The theme first: it defines the looked-up colours; the font size last, so it wins.
        sheets.add(0, theme.get().stylesheet());
        sheets.add(1, APP_STYLESHEET);
        sheets.add(fontStylesheet(preferences.get().fontSize()));
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
            scene.getRoot().getStyleClass().add(theme.get().dark() ? "theme-dark" : "theme-light");
        }
        scene.removeEventFilter(KeyEvent.KEY_PRESSED, fontKeys);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, fontKeys);
        styled.add(scene);
    }

    private static boolean isOurs(String sheet) {
        return sheet.equals(APP_STYLESHEET) || sheet.startsWith("data:text/css")
                || List.of(Theme.values()).stream().anyMatch(t -> t.stylesheet().equals(sheet));
    }

    /** A one-rule stylesheet with the root font size: em sizes in sessiondesk.css scale with it. */
    static String fontStylesheet(double size) {
        String css = String.format(Locale.ROOT, ".root { -fx-font-size: %.1fpx; }", size);
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private void fontKey(KeyEvent e) {
        if (!e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.PLUS || code == KeyCode.ADD || code == KeyCode.EQUALS) {
            larger();
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            smaller();
        } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            actualSize();
        } else {
            return;
        }
        e.consume();
    }

    private void changed(UiPreferences was, UiPreferences now) {
        theme.set(now.theme().resolve(desktopDark.get()));
        for (Scene s : List.copyOf(styled)) {
            style(s);
        }
        if (!now.equals(was)) {
            save.accept(now);
        }
    }

    public void larger() {
        preferences.set(preferences.get().withFontSize(preferences.get().fontSize() + STEP));
    }

    public void smaller() {
        preferences.set(preferences.get().withFontSize(preferences.get().fontSize() - STEP));
    }

    public void actualSize() {
        preferences.set(preferences.get().withFontSize(UiPreferences.DEFAULT_FONT_SIZE));
    }

    public void choose(ThemeChoice choice) {
        preferences.set(preferences.get().withTheme(choice));
    }

    public ObjectProperty<UiPreferences> preferencesProperty() {
        return preferences;
    }

    /** The theme shown now (the choice resolved against the desktop). */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public BooleanProperty desktopPrefersDarkProperty() {
        return desktopDark;
    }
}
