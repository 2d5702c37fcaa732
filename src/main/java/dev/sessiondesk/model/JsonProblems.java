package dev.sessiondesk.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Plain words for what is wrong with a JSON input, the same on every path (CLI add, imports, the
 * API): duplicate keys, too deep nesting, lone surrogates, and Jackson's own syntax errors with
 * their line and column.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** A one-line description of a parse failure (no exception class names). */
    public static String describe(JsonProcessingException e) {
        String at = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("nesting depth")) {
                return "nested more than " + CanonicalJson.MAX_NESTING + " levels deep" + at;
            }
            return "too large (" + firstSentence(m) + ")" + at;
        }
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Duplicate field")) {
            return "a key appears twice (" + m.substring("Duplicate field ".length()).replace("'", "\"")
                    + "); duplicate keys are refused" + at;
        }
        return "not valid JSON (" + firstSentence(m) + ")" + at;
    }

    /**
     * Refuses strings (values and keys) holding a lone UTF-16 surrogate: "\\ud800" alone is valid
     * JSON but no text, and would be saved as "?".
     */
    public static void checkText(JsonNode node, String path) throws MalformedMessageException {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            int bad = loneSurrogate(node.textValue());
            if (bad >= 0) {
                throw new MalformedMessageException(path, "holds a lone surrogate (\\u"
                        + Integer.toHexString(node.textValue().charAt(bad)) + " at character " + bad
                        + "), which is not text");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (loneSurrogate(f.getKey()) >= 0) {
                    throw new MalformedMessageException(path, "has a key holding a lone surrogate, which is not text");
                }
                checkText(f.getValue(), path + "." + f.getKey());
            }
        }
    }

    private static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstSentence(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
