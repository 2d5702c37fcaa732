package dev.sessiondesk.ui.theme;

import java.net.URL;
import java.util.Objects;

/** A set of colours: the stylesheet that defines every looked-up colour sessiondesk.css uses. */
public enum Theme {
    LIGHT("/dev/sessiondesk/ui/theme-light.css"),
    DARK("/dev/sessiondesk/ui/theme-dark.css");

    private final String resource;

    Theme(String resource) {
        this.resource = resource;
    }

    /** The class-path resource of the theme's stylesheet. */
    public String resource() {
        return resource;
    }

    public String stylesheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource(resource), resource);
        return url.toExternalForm();
    }

    public boolean dark() {
        return this == DARK;
    }
}
