package dev.sessiondesk.app.render;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses content may point at. Links open in the system browser only for http, https and
 * mailto; every other scheme ({@code javascript:}, {@code file:}, {@code data:} …) is refused. Images
 * show only from {@code data:} URIs of raster types, so a message can never make the app fetch
 * anything (no tracking pixels, no remote loads).
 */
public final class LinkPolicy {
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern INLINE_IMAGE = Pattern.compile(
            "data:image/(png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=\\s]+");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp");

    private LinkPolicy() {
    }

    /** True when {@code url} may be opened in the system browser. */
    public static boolean isOpenable(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String trimmed = url.strip();
        // Control characters and spaces hide a scheme from a naive check ("java\tscript:").
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) <= ' ' || trimmed.charAt(i) == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (scheme == null || !LINK_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return false;
            }
            return !scheme.equalsIgnoreCase("mailto") ? uri.getHost() != null : uri.getSchemeSpecificPart() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** True when {@code src} is a base64 {@code data:} URI of a raster image, the only images content may show. */
    public static boolean isInlineImage(String src) {
        return src != null && INLINE_IMAGE.matcher(src).matches();
    }

    /** True for the image types a goose {@code image} content item may carry (SVG is refused: it can hold script). */
    public static boolean isImageType(String mimeType) {
        return mimeType != null && IMAGE_TYPES.contains(mimeType.toLowerCase(Locale.ROOT));
    }
}
