package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.WindowLayoutService;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import java.util.ArrayList;
import java.util.List;

/** The steps every Sync Now runs, in this order: drafts, layout, WAL checkpoint, chain check. */
public final class BuiltInSyncSteps {
    public static final String DRAFTS = "drafts";
    public static final String LAYOUT = "window layout";
    public static final String CHECKPOINT = "checkpoint";
    public static final String VERIFY = "verify";

    private BuiltInSyncSteps() {
    }

    public static List<SyncStep> of(Store store, DraftService drafts, WindowLayoutService layout) {
        return List.of(
                named(DRAFTS, ctx -> {
                    int n = drafts.flush();
                    return SyncStepResult.done(DRAFTS, n, n + " unsaved draft" + plural(n) + " saved");
                }),
                named(LAYOUT, ctx -> {
                    int n = layout.flush();
                    return SyncStepResult.done(LAYOUT, n, n + " window change" + plural(n) + " saved");
                }),
                named(CHECKPOINT, ctx -> {
                    store.checkpoint();
                    return SyncStepResult.done(CHECKPOINT, 1, "sessions.db is complete (write-ahead log checkpointed)");
                }),
                named(VERIFY, ctx -> {
                    List<String> problems = new ArrayList<>();
                    int messages = 0;
                    for (String id : ctx.openSessionIds()) {
                        ChainReport r = store.verifier().verifySession(id);
                        messages += r.messagesChecked();
                        if (!r.ok()) {
                            problems.add(r.toString());
                        }
                    }
                    int n = ctx.openSessionIds().size();
                    return new SyncStepResult(VERIFY, n, n + " open session" + plural(n) + " verified (" + messages
                            + " message" + plural(messages) + ")", problems);
                }));
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static SyncStep named(String name, SyncStep body) {
        return new SyncStep() {
            @Override
            public SyncStepResult run(SyncContext context) throws Exception {
                return body.run(context);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
