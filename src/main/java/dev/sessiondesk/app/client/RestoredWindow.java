package dev.sessiondesk.app.client;

import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.WindowBinding;
import java.util.List;

/** A window read back from the store at start, checked and loaded off the FX thread, ready to show. */
public record RestoredWindow(WindowBinding binding, FingerprintCheck.Result check, List<Message> messages, String draft) {
}
