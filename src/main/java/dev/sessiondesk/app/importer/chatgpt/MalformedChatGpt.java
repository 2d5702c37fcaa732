package dev.sessiondesk.app.importer.chatgpt;

/** A ChatGPT conversation that could not be converted; the message is located by JSON path. */
final class MalformedChatGpt extends Exception {
    MalformedChatGpt(String message) {
        super(message);
    }
}
