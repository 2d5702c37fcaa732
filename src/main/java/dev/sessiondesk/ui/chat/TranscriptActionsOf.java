package dev.sessiondesk.ui.chat;

import dev.sessiondesk.ui.chat.transcript.TranscriptActions;
import java.util.Optional;
import java.util.function.IntConsumer;

/** A window's {@link MessageActions} as the transcript asks for them. */
final class TranscriptActionsOf implements TranscriptActions {
    private final MessageActions actions;

    TranscriptActionsOf(MessageActions actions) {
        this.actions = actions;
    }

    @Override
    public void editAndResend(int seq, String newText) {
        actions.editAndResend(seq, newText);
    }

    @Override
    public void regenerate(int seq) {
        actions.regenerate(seq);
    }

    @Override
    public void hide(int seq) {
        actions.hide(seq);
    }

    @Override
    public void unhide(int seq) {
        actions.unhide(seq);
    }

    @Override
    public void duplicateFrom(int seq) {
        actions.duplicateFrom(seq);
    }

    @Override
    public Optional<Alternatives> branchAt(int seq) {
        return actions.branchAt(seq).map(p -> new Alternatives(p.index(), p.count()));
    }

    @Override
    public void switchBranch(int seq, int direction) {
        actions.switchBranch(seq, direction);
    }

    @Override
    public void watchBranches(IntConsumer changed) {
        actions.watchBranches(changed);
    }
}
