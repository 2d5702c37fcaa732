package dev.sessiondesk.ui.chat;

import java.util.Optional;

/**
 * What a user can do to one message of the conversation shown in a window — the seam between the
 * transcript (which shows the hover toolbar, the context menu and the keys) and the view model
 * (which does it through the app's services). Messages are named by their seq in the window's
 * session. Nothing here rewrites a saved message: edit and regenerate make branches (P1, P6), hide
 * flips the visibility flags.
 */
public interface MessageActions {
    /** Where a message sits among the alternatives at its fork point: "‹ index / count ›", 1-based. */
    record BranchPosition(int index, int count) {
    }

    /** Edit a user message and resend it: a branch at {@code seq - 1} with the new text, then a reply. */
    void editAndResend(int seq, String newText);

    /** Ask again for the reply at {@code seq}: a branch at {@code seq - 1}, then a new reply. */
    void regenerate(int seq);

    /** Hide the message (visibility flags, never a DELETE); the window offers Undo. */
    void hide(int seq);

    /** Show a hidden message again (the Undo of {@link #hide}). */
    void unhide(int seq);

    /** A new session with messages 1..seq, opened in a new window ("Duplicate from here"). */
    void duplicateFrom(int seq);

    /** The alternatives at the fork point just before {@code seq}, if there is more than one. */
    Optional<BranchPosition> branchAt(int seq);

    /** Move this window to the previous ({@code -1}) or next ({@code +1}) alternative at {@code seq}. */
    void switchBranch(int seq, int direction);

    /**
     * Calls {@code changed} with the seq of a fork point (on the FX thread) whenever what
     * {@link #branchAt} says there changes: a branch made here or in another window, one trashed.
     */
    default void watchBranches(java.util.function.IntConsumer changed) {
    }
}
