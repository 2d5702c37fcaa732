package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.AppendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a throwing listener (a UI bug) from stopping the reply from being saved. */
final class SafeListener implements ReplyListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
    private final ReplyListener inner;

    SafeListener(ReplyListener inner) {
        this.inner = inner == null ? ReplyListener.NONE : inner;
    }

    private void guard(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a reply listener failed in {}: {}", what, e.toString());
        }
    }

    @Override
    public void userMessageSaved(AppendResult saved) {
        guard("userMessageSaved", () -> inner.userMessageSaved(saved));
    }

    @Override
    public void stateChanged(ReplyState state) {
        guard("stateChanged", () -> inner.stateChanged(state));
    }

    @Override
    public void delta(String text) {
        guard("delta", () -> inner.delta(text));
    }

    @Override
    public void failed(String message) {
        guard("failed", () -> inner.failed(message));
    }

    @Override
    public void failed(UserText message) {
        guard("failed", () -> inner.failed(message));
    }

    @Override
    public void finished(ReplyOutcome outcome) {
        guard("finished", () -> inner.finished(outcome));
    }
}
