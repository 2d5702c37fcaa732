package dev.sessiondesk.bench;

/**
 * One row of the results table. {@code measured}/{@code baseline} are display text; {@code value} is
 * the measured number a {@link Target} with basis MEASURED judges, {@code ratio} what a RATIO target
 * judges. A row that could not be measured says why in {@code measured} and has no verdict.
 */
public record Figure(String name, String measured, double value, String baseline, Double ratio, Target target,
                     Status status, String note) {

    public enum Status { MEASURED, NOT_MEASURED, FAILED }

    public static Figure measured(String name, String measured, double value, String baseline, Double ratio,
                                  Target target, String note) {
        return new Figure(name, measured, value, baseline, ratio, target, Status.MEASURED, note);
    }

    /** A figure whose subject does not exist yet in this build. */
    public static Figure notMeasuredYet(String name, Target target, String needs) {
        return new Figure(name, "not measured yet (needs " + needs + ")", Double.NaN, "—", null, target,
                Status.NOT_MEASURED, null);
    }

    /** A figure whose benchmark broke: kept in the table with the reason, never dropped. */
    public static Figure failed(String name, Target target, String why) {
        return new Figure(name, "failed: " + why, Double.NaN, "—", null, target, Status.FAILED, null);
    }

    public Boolean met() {
        return status == Status.MEASURED ? target.met(value, ratio) : null;
    }

    String metCell() {
        if (status != Status.MEASURED) {
            return "not measured";
        }
        Boolean met = met();
        return met == null ? "—" : met ? "yes" : "**NO**";
    }
}
