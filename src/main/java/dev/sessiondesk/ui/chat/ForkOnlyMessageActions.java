package dev.sessiondesk.ui.chat;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message actions this window can already carry out: "Duplicate from here" through the session
 * actions. Edit and resend, regenerate, hide and the branch switcher are the view model's
 * {@link MessageActions} (built beside this); until it lands they are logged and do nothing, and no
 * branch switcher shows.
 */
final class ForkOnlyMessageActions implements MessageActions {
    private static final Logger LOG = LoggerFactory.getLogger(ForkOnlyMessageActions.class);
    private final ChatViewModel vm;
    private final WindowActions windows;

    ForkOnlyMessageActions(ChatViewModel vm, WindowActions windows) {
        this.vm = vm;
        this.windows = windows;
    }

    @Override
    public void editAndResend(int seq, String newText) {
        LOG.info("edit and resend of message {} is not available in this build", seq);
    }

    @Override
    public void regenerate(int seq) {
        LOG.info("regenerate of message {} is not available in this build", seq);
    }

    @Override
    public void hide(int seq) {
        LOG.info("hiding message {} is not available in this build", seq);
    }

    @Override
    public void unhide(int seq) {
        LOG.info("showing message {} again is not available in this build", seq);
    }

    @Override
    public void duplicateFrom(int seq) {
        vm.sessionActions().forkFrom(seq, windows::openInNewWindow);
    }

    @Override
    public Optional<BranchPosition> branchAt(int seq) {
        return Optional.empty();
    }

    @Override
    public void switchBranch(int seq, int direction) {
        LOG.info("switching branches at message {} is not available in this build", seq);
    }
}
