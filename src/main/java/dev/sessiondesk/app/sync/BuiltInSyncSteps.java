package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.WindowLayoutService;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import java.util.ArrayList;
import java.util.List;

/** The steps every Sync Now runs, in this order: drafts, layout, WAL checkpoint, chain check. */
public final class BuiltInSyncSteps {
    public static final String DRAFTS = "drafts";
    public static final String LAYOUT = "window layout"; // an id, not a sentence
    public static final String CHECKPOINT = "checkpoint";
    public static final String VERIFY = "verify";

    private BuiltInSyncSteps() {
    }

    public static List<SyncStep> of(Store store, DraftService drafts, WindowLayoutService layout) {
        return List.of(
                named(DRAFTS, ctx -> {
                    int n = drafts.flush();
                    return SyncStepResult.done(DRAFTS, n, UserText.of("sync", "drafts", n));
                }),
                named(LAYOUT, ctx -> {
                    int n = layout.flush();
                    return SyncStepResult.done(LAYOUT, n, UserText.of("sync", "layout", n));
                }),
                named(CHECKPOINT, ctx -> {
                    store.checkpoint();
                    return SyncStepResult.done(CHECKPOINT, 1, UserText.of("sync", "checkpoint"));
                }),
                named(VERIFY, ctx -> {
                    List<UserText> problems = new ArrayList<>();
                    int messages = 0;
                    for (String id : ctx.openSessionIds()) {
                        ChainReport r = store.verifier().verifySession(id);
                        messages += r.messagesChecked();
                        if (!r.ok()) {
                            problems.add(StoreWords.chain(r));
                        }
                    }
                    int n = ctx.openSessionIds().size();
                    return new SyncStepResult(VERIFY, n, UserText.of("sync", "verify", n, messages), problems);
                }));
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
