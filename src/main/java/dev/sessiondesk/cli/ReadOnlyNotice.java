package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import picocli.CommandLine.Model.CommandSpec;

/** Read commands still work on a read-only store, after saying why it is read-only. */
final class ReadOnlyNotice {
    private ReadOnlyNotice() {
    }

    static void warn(SessionDesk desk, CommandSpec spec) {
        if (desk.store().isReadOnly()) {
            if (desk.store().schemaVersion() > dev.sessiondesk.store.Schema.CURRENT) {
                throw new CliFailure(desk.store().readOnlyReason());
            }
            spec.commandLine().getErr().println("sessiondesk: note: " + desk.store().readOnlyReason());
        }
    }
}
