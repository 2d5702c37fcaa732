package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/** "file:line:column" for a streaming parser's position or error, so JSON problems are located. */
final class JsonLocations {

    private JsonLocations() {
    }

    static String at(String label, JsonParser parser) {
        return at(label, parser.currentLocation());
    }

    static String at(String label, JsonProcessingException e) {
        return at(label, e.getLocation());
    }

    private static String at(String label, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return label;
        }
        return label + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
