package dev.sessiondesk.cli;

import dev.sessiondesk.app.api.ApiToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "api-token", description = {
        "Print the local API's token (made on first use, kept 0600 in the config folder). Send it as the"
                + " X-Secret-Key header or as Authorization: Bearer TOKEN."})
final class ApiTokenCommand extends StoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ApiToken token = ApiToken.loadOrCreate(root.locations().configDir());
        out().println(token.reveal());
        out().flush();
        return SessionDeskCommand.EXIT_OK;
    }
}
