package dev.sessiondesk.app.render;

import com.fasterxml.jackson.databind.JsonNode;

/** What rendering one message needs to know about the others around it. */
public interface MessageContext {
    /** The toolResponse item answering request {@code requestId}, or null while there is none. */
    JsonNode toolResponse(String requestId);

    /** True when the request that {@code responseId} answers is shown (so the response shows under it). */
    boolean requestShown(String responseId);

    /** "‹ index / count ›" at the fork point before {@code seq} as {index, count}, or null when there is one. */
    int[] branch(int seq);

    /** A context for a message alone: no neighbours, no branches. */
    MessageContext ALONE = new MessageContext() {
        @Override
        public JsonNode toolResponse(String requestId) {
            return null;
        }

        @Override
        public boolean requestShown(String responseId) {
            return false;
        }

        @Override
        public int[] branch(int seq) {
            return null;
        }
    };
}
