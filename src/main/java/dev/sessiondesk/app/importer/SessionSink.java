package dev.sessiondesk.app.importer;

import java.util.List;

/** Where a reader hands what it read, one session at a time. */
public interface SessionSink {

    /** A readable session (whole, or a marked prefix when partial imports were asked for). */
    void session(SourceSession session);

    /** A session nothing of which may be imported, with every located problem found in it. */
    void failed(String label, List<ImportProblem> problems);

    /** Something worth telling that did not stop anything (a file without a metadata line). */
    void note(ImportProblem note);

    /** Progress through the current source in whatever unit the reader knows (files, rows, bytes). */
    default void progress(long done, long total) {
    }
}
