package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.agent.AgentSyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", description = {
        "Agent projects whose sessions (agents/sessions/<slug>/state.json) SessionDesk follows.",
        "The app imports them and follows changes while it runs; \"watch sync\" rescans them now."},
        subcommands = {WatchCommand.Add.class, WatchCommand.ListProjects.class, WatchCommand.Remove.class,
                WatchCommand.Sync.class})
final class WatchCommand extends StoreCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return SessionDeskCommand.EXIT_OK;
    }

    static void print(PrintWriter out, AgentSyncReport r) {
        out.println(r.project() + ": " + r.added() + " new, " + r.updated() + " updated, " + r.markedMissing()
                + " missing on disk, " + r.unchanged() + " unchanged");
        for (ImportProblem p : r.problems()) {
            out.println("skipped: " + p);
        }
    }

    @Command(name = "add", description = "Follow an agent project folder and import its sessions now.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        WatchCommand watch;
        @Parameters(paramLabel = "DIR", description = "The project folder (the one holding agents/sessions).")
        Path dir;

        @Override
        public Integer call() {
            try (SessionDesk desk = watch.root.openWritable()) {
                Path real;
                try {
                    real = desk.watchedProjects().add(dir);
                } catch (IllegalArgumentException e) {
                    throw new CliFailure(e.getMessage());
                }
                AgentSyncReport r = desk.agentSessions().sync(real, false);
                PrintWriter out = watch.out();
                out.println("following " + real);
                print(out, r);
                out.flush();
                return r.problems().isEmpty() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
            }
        }
    }

    @Command(name = "list", description = "The followed project folders.")
    static final class ListProjects implements Callable<Integer> {
        @ParentCommand
        WatchCommand watch;

        @Override
        public Integer call() {
            try (SessionDesk desk = watch.root.open()) {
                PrintWriter out = watch.out();
                List<Path> projects = desk.watchedProjects().list();
                projects.forEach(out::println);
                out.flush();
                return SessionDeskCommand.EXIT_OK;
            }
        }
    }

    @Command(name = "remove", description = "Stop following a project folder (its sessions stay in the store).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        WatchCommand watch;
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() {
            try (SessionDesk desk = watch.root.openWritable()) {
                if (!desk.watchedProjects().remove(dir)) {
                    throw new CliFailure(dir + " is not a followed project (see: sessiondesk watch list)");
                }
                PrintWriter out = watch.out();
                out.println("no longer following " + dir + "; its sessions stay in the store");
                out.flush();
                return SessionDeskCommand.EXIT_OK;
            }
        }
    }

    @Command(name = "sync", description = "Rescan every followed project now (what \"Sync Now\" does).")
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        WatchCommand watch;

        @Override
        public Integer call() {
            try (SessionDesk desk = watch.root.openWritable()) {
                PrintWriter out = watch.out();
                boolean problems = false;
                for (AgentSyncReport r : desk.agentWatcher().syncNow()) {
                    print(out, r);
                    problems |= !r.problems().isEmpty();
                }
                out.flush();
                return problems ? SessionDeskCommand.EXIT_MISMATCH : SessionDeskCommand.EXIT_OK;
            }
        }
    }
}
