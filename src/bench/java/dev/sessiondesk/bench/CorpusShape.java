package dev.sessiondesk.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How big a generated store is: {@code sessions} sessions holding {@code messages} messages in all,
 * spread unevenly (log-normal, like real use: many short chats, a few long ones), plus
 * {@code longSessions} whose exact lengths are fixed (e.g. one 10,000-message session to open).
 */
public record CorpusShape(int sessions, long messages, List<Integer> longSessions) {

    public CorpusShape {
        longSessions = List.copyOf(longSessions);
        long fixed = longSessions.stream().mapToLong(Integer::longValue).sum();
        if (sessions < longSessions.size() + 1 && messages > fixed) {
            throw new IllegalArgumentException("need at least one ordinary session for " + (messages - fixed) + " messages");
        }
        if (messages < fixed + (sessions - longSessions.size())) {
            throw new IllegalArgumentException(messages + " messages cannot fill " + sessions
                    + " sessions (the long ones alone hold " + fixed + ")");
        }
    }

    /** Message count of every session, long sessions first; sums to {@code messages}; depends only on the seed. */
    public int[] lengths(long seed) {
        int ordinary = sessions - longSessions.size();
        long remaining = messages - longSessions.stream().mapToLong(Integer::longValue).sum();
        int[] out = new int[sessions];
        for (int i = 0; i < longSessions.size(); i++) {
            out[i] = longSessions.get(i);
        }
        if (ordinary == 0) {
            return out;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] weights = new double[ordinary];
        double sum = 0;
        for (int i = 0; i < ordinary; i++) {
            weights[i] = Math.exp(gaussian(r));
            sum += weights[i];
        }
        long spare = remaining - ordinary; // every session gets at least one message
        long assigned = 0;
        for (int i = 0; i < ordinary; i++) {
            int n = 1 + (int) Math.floor(weights[i] / sum * spare);
            out[longSessions.size() + i] = n;
            assigned += n;
        }
        for (int i = 0; assigned < remaining; i = (i + 1) % ordinary) {
            out[longSessions.size() + i]++;
            assigned++;
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Override
    public String toString() {
        return String.format("%,d sessions / %,d messages", sessions, messages);
    }
}
