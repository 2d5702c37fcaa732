package dev.sessiondesk.planted.cycle.left;

import dev.sessiondesk.planted.cycle.right.Right;

/** Half of a package cycle planted for {@code ArchitectureTest}: it must see it. Never used elsewhere. */
public final class Left {
    public Right partner() {
        return new Right();
    }
}
