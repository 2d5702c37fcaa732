package dev.sessiondesk.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code sessiondesk} subcommand has: the root (data folder, opening the store) and its output. */
abstract class StoreCommand {
    @ParentCommand
    SessionDeskCommand root;
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
