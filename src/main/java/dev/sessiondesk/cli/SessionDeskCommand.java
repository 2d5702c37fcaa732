package dev.sessiondesk.cli;

import dev.sessiondesk.app.DataFolderIndex;
import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code sessiondesk}: the command-line side of SessionDesk, over the same services as the GUI. */
@Command(name = "sessiondesk", mixinStandardHelpOptions = true,
        versionProvider = SessionDeskCommand.Version.class,
        description = "SessionDesk: conversations with AI assistants that are never lost.%n"
                + "Without a command it opens the app; with one it works on the store from the terminal.",
        subcommands = {
                ListCommand.class, NewCommand.class, AddCommand.class, ShowCommand.class, RenameCommand.class,
                DeleteCommand.class, RestoreCommand.class, ExportCommand.class, VerifyCommand.class, InfoCommand.class,
                AskCommand.class, SearchCommand.class, ForkCommand.class,
                BackupCommand.class, BackupsCommand.class, ExportAllCommand.class, PreUpgradeCommand.class,
                UpgradeCheckCommand.class,
                ImportCommand.class, WatchCommand.class, SyncCommand.class, ServeCommand.class, ApiTokenCommand.class,
                CommandLine.HelpCommand.class})
public final class SessionDeskCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_MISMATCH = 1;
    public static final int EXIT_ERROR = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The data folder (default: $SESSIONDESK_DATA_DIR or the platform data folder).")
    Path dataDir;

    private final DataLocations locations;

    public SessionDeskCommand(DataLocations locations) {
        this.locations = locations;
    }

    DataLocations locations() {
        return locations;
    }

    Path resolvedDataDir() {
        return locations.dataDir(dataDir);
    }

    /** Opens the app services on the chosen data folder. */
    SessionDesk open() {
        Path dir = resolvedDataDir();
        SessionDesk desk = SessionDesk.open(dir);
        // An installer's pre-upgrade step finds this store through the index, wherever it lives.
        new DataFolderIndex(locations.configDir()).record(dir);
        return desk;
    }

    /** Opens the services and fails with the store's reason when it cannot be written. */
    SessionDesk openWritable() {
        SessionDesk desk = open();
        if (desk.store().isReadOnly()) {
            String reason = desk.store().readOnlyReason();
            desk.close();
            throw new CliFailure(reason);
        }
        endAbandonedReplies(desk);
        return desk;
    }

    /**
     * Every writer that opens the store ends the replies whose owner died (a killed {@code ask}), not
     * only the GUI at its start; replies another live process streams are left alone. Best effort:
     * a locked store must not stop the command itself.
     */
    private static void endAbandonedReplies(SessionDesk desk) {
        try {
            if (desk.store().messages().anyStreaming()) {
                desk.store().messages().interruptAbandonedStreams();
            }
        } catch (dev.sessiondesk.store.StoreException e) {
            org.slf4j.LoggerFactory.getLogger(SessionDeskCommand.class)
                    .warn("cannot end abandoned replies now: {}", e.getMessage());
        }
    }

    /** Finds a session by its id or by an unambiguous prefix of it. */
    static Session resolve(SessionDesk desk, String idOrPrefix) {
        var exact = desk.sessions().find(idOrPrefix);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (idOrPrefix.length() >= 4) {
            List<Session> matches = desk.sessions().list(SessionQuery.all()).stream()
                    .filter(s -> s.id().startsWith(idOrPrefix)).toList();
            List<Session> trashed = desk.sessions().list(SessionQuery.trash()).stream()
                    .filter(s -> s.id().startsWith(idOrPrefix)).toList();
            List<Session> all = new java.util.ArrayList<>(matches);
            all.addAll(trashed);
            if (all.size() == 1) {
                return all.get(0);
            }
            if (all.size() > 1) {
                throw new CliFailure("the id prefix " + idOrPrefix + " matches " + all.size() + " sessions; give more of it");
            }
        }
        throw new CliFailure("no session with id " + idOrPrefix);
    }

    /** Builds the picocli command line with SessionDesk's error handling and exit codes. */
    public static CommandLine commandLine(DataLocations locations, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SessionDeskCommand(locations));
        addHelpOptions(cl);
        // "--data-dir backup" names a folder; without this picocli takes "backup" as the command.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println("sessiondesk: " + ex.getMessage() + " (try: "
                    + bad.getCommandSpec().qualifiedName() + " --help)");
            bad.getErr().flush();
            return EXIT_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("sessiondesk: " + messageOf(ex));
            commandLine.getErr().flush();
            if (ex instanceof StdoutFailure) {
                StdoutFailure.reported = true;
                return StdoutFailure.EXIT;
            }
            return EXIT_ERROR;
        });
        return cl;
    }

    /** Every command answers {@code --help} (and {@code --version}), not only the root. */
    private static void addHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            addHelpOptions(sub);
        }
    }

    static String messageOf(Exception ex) {
        if (ex instanceof StoreException || ex instanceof CliFailure || ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        if (ex instanceof java.io.IOException) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        org.slf4j.LoggerFactory.getLogger(SessionDeskCommand.class).error("unexpected failure", ex);
        return "unexpected error: " + ex + " (details in the log)";
    }

    public static int run(DataLocations locations, String... args) {
        // Straight onto the descriptor: System.out (a PrintStream) swallows write errors, so a full
        // disk or a closed pipe would look like success.
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset())), true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(locations, out, err).execute(args);
        if (out.checkError() && !StdoutFailure.reported) {
            err.println("sessiondesk: " + StdoutFailure.MESSAGE);
            err.flush();
            return StdoutFailure.EXIT;
        }
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SessionDesk " + dev.sessiondesk.store.AppVersion.current()};
        }
    }
}
