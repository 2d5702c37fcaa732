package dev.sessiondesk.store;

import java.util.function.BooleanSupplier;

/**
 * Makes a slip loud: when the {@value #PROPERTY} system property is {@code true} (the test suite
 * sets it), a store read or write started on the UI thread throws instead of freezing the windows
 * while it waits on the disk. The UI names its thread at start ({@link #forbid}); the store knows
 * nothing of JavaFX. Off (the default), nothing is checked and nothing is thrown.
 *
 * <p>Static because the store's entry points are reached from every service and every store the
 * process opens; it holds one test switch, not application state.
 */
public final class UiThreadGuard {
    public static final String PROPERTY = "sessiondesk.uiThreadGuard";
    private static final boolean ENABLED = Boolean.getBoolean(PROPERTY);
    private static volatile BooleanSupplier onUiThread = () -> false;
    private static volatile String uiThread = "UI thread";

    private UiThreadGuard() {
    }

    /** @param onForbiddenThread true while running on the UI thread, e.g. {@code Platform::isFxApplicationThread} */
    public static void forbid(String threadName, BooleanSupplier onForbiddenThread) {
        if (ENABLED) {
            uiThread = threadName;
            onUiThread = onForbiddenThread;
        }
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** Throws when called on the UI thread while the guard is on. */
    static void check(String doing) {
        if (ENABLED && onUiThread.getAsBoolean()) {
            throw new IllegalStateException("the store was asked to " + doing + " on the " + uiThread
                    + ", which must never wait on the disk; run it in a BackgroundTask");
        }
    }
}
