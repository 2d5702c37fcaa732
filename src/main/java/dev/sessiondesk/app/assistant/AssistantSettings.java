package dev.sessiondesk.app.assistant;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which assistant answers and how to reach it. Kept out of the SQLite store on purpose (promise P9):
 * the API key lives only in the environment ({@code SESSIONDESK_API_KEY}) or in the 0600 file
 * {@code assistant.properties} in the config folder; {@link #toString()} never shows it.
 *
 * <p>Precedence: environment variables over the file over the defaults. An empty endpoint means the
 * built-in offline assistant.
 */
public record AssistantSettings(String endpoint, String model, String apiKey, Duration connectTimeout,
                                Duration firstByteTimeout, Duration idleTimeout) {
    public static final String FILE_NAME = "assistant.properties";
    public static final String ENV_ENDPOINT = "SESSIONDESK_ENDPOINT";
    public static final String ENV_MODEL = "SESSIONDESK_MODEL";
    public static final String ENV_API_KEY = "SESSIONDESK_API_KEY";

    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_FIRST_BYTE = Duration.ofSeconds(120);
    private static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

    public AssistantSettings {
        endpoint = endpoint == null ? "" : endpoint.strip();
        model = model == null ? "" : model.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** The default: the built-in offline assistant. */
    public static AssistantSettings offline() {
        return new AssistantSettings("", "", "", DEFAULT_CONNECT, DEFAULT_FIRST_BYTE, DEFAULT_IDLE);
    }

    public static AssistantSettings endpoint(String endpoint, String model, String apiKey) {
        return offline().withEndpoint(endpoint).withModel(model).withApiKey(apiKey);
    }

    public boolean isOffline() {
        return endpoint.isEmpty();
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    public AssistantSettings withEndpoint(String value) {
        return new AssistantSettings(value, model, apiKey, connectTimeout, firstByteTimeout, idleTimeout);
    }

    public AssistantSettings withModel(String value) {
        return new AssistantSettings(endpoint, value, apiKey, connectTimeout, firstByteTimeout, idleTimeout);
    }

    public AssistantSettings withApiKey(String value) {
        return new AssistantSettings(endpoint, model, value, connectTimeout, firstByteTimeout, idleTimeout);
    }

    public AssistantSettings withTimeouts(Duration connect, Duration firstByte, Duration idle) {
        return new AssistantSettings(endpoint, model, apiKey, connect, firstByte, idle);
    }

    /** The assistant these settings describe. */
    public Assistant createAssistant() {
        return isOffline() ? new OfflineAssistant() : new OpenAiCompatibleAssistant(this);
    }

    /** Reads the file in {@code configDir} (if any), then lets the environment override it. */
    public static AssistantSettings load(Map<String, String> env, Path configDir) {
        AssistantSettings s = offline();
        Path file = configDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            s = fromFile(file, s);
        }
        String endpoint = env.get(ENV_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            s = s.withEndpoint(endpoint);
        }
        String model = env.get(ENV_MODEL);
        if (model != null && !model.isBlank()) {
            s = s.withModel(model);
        }
        String key = env.get(ENV_API_KEY);
        if (key != null && !key.isBlank()) {
            s = s.withApiKey(key);
        }
        return s;
    }

    private static AssistantSettings fromFile(Path file, AssistantSettings base) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingsException("cannot read the assistant settings " + file + ": " + e.getMessage());
        }
        String key = p.getProperty("api_key", "");
        if (!key.isBlank() && readableByOthers(file)) {
            throw new InvalidSettingsException("the assistant settings " + file + " hold an API key but other users"
                    + " can read the file; make it private with: chmod 600 " + file);
        }
        return new AssistantSettings(p.getProperty("endpoint", base.endpoint()), p.getProperty("model", base.model()), key,
                seconds(p, "connect_timeout_seconds", base.connectTimeout(), file),
                seconds(p, "first_byte_timeout_seconds", base.firstByteTimeout(), file),
                seconds(p, "idle_timeout_seconds", base.idleTimeout(), file));
    }

    private static Duration seconds(Properties p, String name, Duration fallback, Path file) {
        String v = p.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double secs = Double.parseDouble(v.strip());
            if (secs <= 0) {
                throw new NumberFormatException("must be above zero");
            }
            return Duration.ofMillis(Math.round(secs * 1000));
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException("the assistant settings " + file + ": " + name + " = \"" + v
                    + "\" is not a number of seconds above zero");
        }
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // no POSIX permissions here (Windows): the folder's ACLs protect it
        }
    }

    /** Writes the settings, key included, as a 0600 file in a 0700 config folder, atomically. */
    public void save(Path configDir) throws IOException {
        PrivateFiles.ensureDirectory(configDir);
        Map<String, String> values = new TreeMap<>();
        values.put("endpoint", endpoint);
        values.put("model", model);
        values.put("api_key", apiKey);
        values.put("connect_timeout_seconds", secondsText(connectTimeout));
        values.put("first_byte_timeout_seconds", secondsText(firstByteTimeout));
        values.put("idle_timeout_seconds", secondsText(idleTimeout));
        StringWriter text = new StringWriter();
        text.write("# SessionDesk assistant settings. Private (0600): it may hold an API key.\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            StringWriter line = new StringWriter();
            one.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.write(l + "\n"));
        }
        PrivateFiles.writeAtomically(configDir.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String secondsText(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    /** Never shows the key, only whether there is one. */
    @Override
    public String toString() {
        return "AssistantSettings[" + (isOffline() ? "offline" : "endpoint=" + OpenAiCompatibleAssistant.shownAddress(endpoint)
                + ", model=" + model) + ", apiKey=" + (hasApiKey() ? "(set)" : "(none)") + "]";
    }

    /** Settings that cannot be used, with the file and the fix. */
    public static final class InvalidSettingsException extends IllegalArgumentException {
        public InvalidSettingsException(String message) {
            super(message);
        }
    }
}
