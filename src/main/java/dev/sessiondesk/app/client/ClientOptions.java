package dev.sessiondesk.app.client;

import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.instance.LaunchRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the GUI is started with, in one value: which data folder, the launch arguments, where
 * the assistant settings come from, how eagerly things are saved, the reply seam and where the
 * first-run Goose offer looks. {@link #of} gives the defaults; tests change one thing with a wither.
 *
 * @param environment the variables that override the assistant settings file
 * @param configDir   where the assistant settings file is read from and saved to
 */
public record ClientOptions(Path dataDir, LaunchRequest request, Map<String, String> environment, Path configDir,
                            ClientServices.Timings timings, ClientServices.ReplyStarterFactory replies,
                            GooseSessionsFinder gooseFinder) {
    public ClientOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(request, "request");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(gooseFinder, "gooseFinder");
    }

    /** No environment, settings in {@code <data>/config}, default timings, no assistant, the system's Goose folder. */
    public static ClientOptions of(Path dataDir, LaunchRequest request) {
        return new ClientOptions(dataDir, request, Map.of(), dataDir.resolve("config"), ClientServices.Timings.defaults(),
                ClientServices.ReplyStarterFactory.NONE, GooseSessionsFinder.system());
    }

    public ClientOptions withSettingsFrom(Map<String, String> environment, Path configDir) {
        return new ClientOptions(dataDir, request, environment, configDir, timings, replies, gooseFinder);
    }

    public ClientOptions withTimings(ClientServices.Timings timings) {
        return new ClientOptions(dataDir, request, environment, configDir, timings, replies, gooseFinder);
    }

    public ClientOptions withReplies(ClientServices.ReplyStarterFactory replies) {
        return new ClientOptions(dataDir, request, environment, configDir, timings, replies, gooseFinder);
    }

    public ClientOptions withGooseFinder(GooseSessionsFinder gooseFinder) {
        return new ClientOptions(dataDir, request, environment, configDir, timings, replies, gooseFinder);
    }
}
