package dev.sessiondesk.ui.chat.transcript;

import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What the transcript's toolbar, context menu and keys ask the window to do to message {@code seq}.
 * The window hands in its {@code ui.chat.MessageActions} behind this (the transcript itself stays
 * below {@code ui.chat}, so the packages have no cycle).
 */
public interface TranscriptActions {
    /** "‹ index / count ›" at a fork point, 1-based. */
    record Alternatives(int index, int count) {
    }

    void editAndResend(int seq, String newText);

    void regenerate(int seq);

    void hide(int seq);

    void unhide(int seq);

    void duplicateFrom(int seq);

    Optional<Alternatives> branchAt(int seq);

    void switchBranch(int seq, int direction);

    /** Calls {@code changed} (FX thread) with a fork point's seq whenever {@link #branchAt} there changes. */
    default void watchBranches(IntConsumer changed) {
    }
}
