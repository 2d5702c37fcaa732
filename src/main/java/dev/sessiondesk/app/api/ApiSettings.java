package dev.sessiondesk.app.api;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Whether the app runs the local API, as the user set it in Preferences: {@code api.properties} in
 * the config folder (0600). Off until the user turns it on.
 */
public record ApiSettings(boolean enabled, int port, boolean lan, String allowedOrigin) {
    public static final String FILE_NAME = "api.properties";

    public static ApiSettings off() {
        return new ApiSettings(false, ApiOptions.DEFAULT_PORT, false, null);
    }

    public static ApiSettings load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return off();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API settings " + file + ": " + e.getMessage(), e);
        }
        int port;
        try {
            port = Integer.parseInt(p.getProperty("port", "" + ApiOptions.DEFAULT_PORT).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": port must be a number, not \"" + p.getProperty("port") + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(file + ": port must be between 0 and 65535, not " + port);
        }
        String origin = p.getProperty("allowed_origin", "").strip();
        return new ApiSettings(Boolean.parseBoolean(p.getProperty("enabled", "false").strip()), port,
                Boolean.parseBoolean(p.getProperty("lan", "false").strip()), origin.isEmpty() ? null : origin);
    }

    public void save(Path configDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("enabled", String.valueOf(enabled));
        p.setProperty("port", String.valueOf(port));
        p.setProperty("lan", String.valueOf(lan));
        p.setProperty("allowed_origin", allowedOrigin == null ? "" : allowedOrigin);
        StringWriter text = new StringWriter();
        p.store(text, "SessionDesk local API (Preferences)");
        PrivateFiles.ensureDirectory(configDir);
        PrivateFiles.writeAtomically(configDir.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public ApiOptions options(Path configDir) {
        return ApiOptions.loopback(configDir, port).withBind(lan ? "0.0.0.0" : ApiOptions.LOOPBACK, lan)
                .withAllowedOrigin(allowedOrigin);
    }
}
