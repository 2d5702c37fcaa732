package dev.sessiondesk.bench;

/** The baseline for cold start: a JVM on the same classpath that only says when its main began. */
public final class JvmStartProbe {
    private JvmStartProbe() {
    }

    public static void main(String[] args) {
        System.out.println("main " + System.currentTimeMillis());
    }
}
