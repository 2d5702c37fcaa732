package dev.sessiondesk.app.render;

/**
 * The words the rendered HTML shows (button captions, headings, notes), looked up by key so the GUI
 * can hand in its translated strings while this package stays free of the GUI.
 */
@FunctionalInterface
public interface Labels {
    String get(String key, Object... args);
}
