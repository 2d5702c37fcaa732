package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.app.text.UserText;
import java.net.URI;
import java.util.Locale;

/**
 * Where a redirect from the assistant's endpoint may take the request: only to the same origin
 * (scheme, host and port), which already has the key and the conversation. The JDK client's
 * {@code Redirect.NORMAL} would forward the Authorization header to any host; anywhere else is
 * refused here before anything is sent.
 */
final class SameOriginRedirect {
    private SameOriginRedirect() {
    }

    static URI target(UserText who, URI from, String location, int status) throws AssistantException {
        if (location == null || location.isBlank()) {
            throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "redirect.noLocation", who, status), null);
        }
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "redirect.invalid", who), e);
        }
        if (!origin(to).equals(origin(from))) {
            throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "redirect.otherOrigin", who, status, origin(to)), null);
        }
        return to;
    }

    static String origin(URI u) {
        String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
