package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/** "file:line:column" for a streaming parser's position or error, so JSON problems are located. */
public final class JsonLocations {

    private JsonLocations() {
    }

    /** Where the parser's current token starts (the first character of a value, not after it). */
    public static String at(String label, JsonParser parser) {
        return at(label, parser.currentTokenLocation());
    }

    public static String at(String label, JsonProcessingException e) {
        return at(label, e.getLocation());
    }

    /** Jackson's message without its parser-internal source description. */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .replaceAll("\\s*\\(bound as `[^`]*`\\)", "");
    }

    /**
     * The reader for values inside a streamed document. The shared canonical mapper refuses trailing
     * tokens (right for one whole message), which would reject the next element of a stream.
     */
    public static final com.fasterxml.jackson.databind.ObjectMapper STREAM_MAPPER = dev.sessiondesk.model.CanonicalJson.MAPPER
            .copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static String at(String label, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return label;
        }
        return label + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
