package dev.sessiondesk.app.importer;

/**
 * Something an import could not take, located precisely: {@code where} is "file:line",
 * "file $.json.path" or "sessions.db session X message row N".
 */
public record ImportProblem(String where, String reason) {
    @Override
    public String toString() {
        return where + ": " + reason;
    }
}
