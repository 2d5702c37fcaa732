package dev.sessiondesk.store;

/**
 * What a new session starts with. {@code origin}/{@code externalRef} identify an imported source
 * session (unique together) so importing twice finds the first copy instead of making a second.
 */
public record NewSession(String title, String workingDir, String origin, String externalRef, Long createdAt) {

    public static NewSession blank() {
        return new NewSession(null, null, null, null, null);
    }

    public static NewSession titled(String title, String workingDir) {
        return new NewSession(title, workingDir, null, null, null);
    }
}
