package dev.sessiondesk.model;

/** A message that does not have the Goose shape; {@code path} points at the offending JSON field. */
public class MalformedMessageException extends Exception {
    private final String path;

    public MalformedMessageException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
