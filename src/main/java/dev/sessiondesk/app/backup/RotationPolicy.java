package dev.sessiondesk.app.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which verified backups to keep: the newest {@code keepLast}, plus the newest one of each UTC day
 * of the last {@code dailyDays} days; never fewer than one. Only verified backups ever reach this
 * class, so a failed backup can neither be kept in place of a good one nor push one out.
 */
public record RotationPolicy(int keepLast, int dailyDays) {
    public static final RotationPolicy DEFAULT = new RotationPolicy(10, 7);

    public RotationPolicy {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep at least the last backup (keepLast >= 1), not " + keepLast);
        }
        if (dailyDays < 0) {
            throw new IllegalArgumentException("dailyDays must be >= 0, not " + dailyDays);
        }
    }

    /** The backups to delete, given every verified backup and the current time. */
    public List<BackupRecord> toDelete(List<BackupRecord> verified, Instant now) {
        List<BackupRecord> newestFirst = new ArrayList<>(verified);
        newestFirst.sort(Comparator.comparing(BackupRecord::createdAt).reversed());
        Set<BackupRecord> keep = new LinkedHashSet<>(newestFirst.subList(0, Math.min(keepLast, newestFirst.size())));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<LocalDate, BackupRecord> newestOfDay = new HashMap<>();
        for (BackupRecord b : newestFirst) {
            LocalDate day = LocalDate.ofInstant(b.createdAt(), ZoneOffset.UTC);
            if (!day.isBefore(today.minusDays(dailyDays - 1L)) && !day.isAfter(today)) {
                newestOfDay.putIfAbsent(day, b);
            }
        }
        keep.addAll(newestOfDay.values());
        List<BackupRecord> delete = new ArrayList<>();
        for (BackupRecord b : newestFirst) {
            if (!keep.contains(b)) {
                delete.add(b);
            }
        }
        return delete;
    }
}
