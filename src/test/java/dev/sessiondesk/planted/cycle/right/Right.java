package dev.sessiondesk.planted.cycle.right;

import dev.sessiondesk.planted.cycle.left.Left;

/** The other half of the planted package cycle. */
public final class Right {
    public Left partner() {
        return new Left();
    }
}
