package dev.sessiondesk.app.sync;

import java.time.Clock;

/**
 * This device's clock as sync sees it. Production uses the system clock; tests inject clocks minutes
 * apart. The store's triggers stamp edits with system time + this offset, so an injected clock
 * reaches the stamps of edits too, not only the sync engine's own times.
 */
public record DeviceClock(Clock clock) {
    public static DeviceClock system() {
        return new DeviceClock(Clock.systemUTC());
    }

    long offsetMillis() {
        return clock.millis() - System.currentTimeMillis();
    }
}
