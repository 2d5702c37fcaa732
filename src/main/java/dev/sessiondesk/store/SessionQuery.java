package dev.sessiondesk.store;

/** Which sessions a list shows: pinned first, then by last activity, newest first. */
public record SessionQuery(boolean includeArchived, boolean trashOnly, String titleFilter, int limit, int offset) {

    public static SessionQuery all() {
        return new SessionQuery(true, false, null, Integer.MAX_VALUE, 0);
    }

    public static SessionQuery firstPage(int limit) {
        return new SessionQuery(false, false, null, limit, 0);
    }

    public static SessionQuery trash() {
        return new SessionQuery(true, true, null, Integer.MAX_VALUE, 0);
    }

    public SessionQuery withFilter(String filter) {
        return new SessionQuery(includeArchived, trashOnly, filter, limit, offset);
    }
}
