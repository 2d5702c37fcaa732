package dev.sessiondesk.ui.chat.transcript;

import dev.sessiondesk.ui.chat.transcript.TranscriptActions.Alternatives;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.concurrent.CopyOnWriteArrayList;

/** Message actions that only record what the transcript asked for. */
final class RecordingActions implements TranscriptActions {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<Integer, Alternatives> branches;

    RecordingActions(Map<Integer, Alternatives> branches) {
        this.branches = branches;
    }

    @Override
    public void editAndResend(int seq, String newText) {
        calls.add("edit " + seq + " " + newText);
    }

    @Override
    public void regenerate(int seq) {
        calls.add("regenerate " + seq);
    }

    @Override
    public void hide(int seq) {
        calls.add("hide " + seq);
    }

    @Override
    public void unhide(int seq) {
        calls.add("unhide " + seq);
    }

    @Override
    public void duplicateFrom(int seq) {
        calls.add("duplicate " + seq);
    }

    @Override
    public Optional<Alternatives> branchAt(int seq) {
        return Optional.ofNullable(branches.get(seq));
    }

    @Override
    public void switchBranch(int seq, int direction) {
        calls.add("switch " + seq + " " + direction);
    }

    IntConsumer watcher = seq -> { };

    @Override
    public void watchBranches(IntConsumer changed) {
        watcher = changed;
    }
}
