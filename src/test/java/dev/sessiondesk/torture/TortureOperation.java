package dev.sessiondesk.torture;

import java.io.IOException;

/**
 * One kind of thing the torture child does to the real services. A kind announces itself with
 * {@link AckLog#intent}, calls the service, and acknowledges each fact the call returned with
 * {@link AckLog#ack}. Later kinds (import, backup) plug in here: they emit the shared facts
 * ({@code msg}, {@code session}, …) that {@link ExpectedState} already checks, plus facts of their own
 * that {@link ExpectedState#register} teaches it.
 */
interface TortureOperation {
    String kind();

    /** How often it is picked, relative to the others. */
    int weight();

    /** Whether it can run in the world as it is now (restore needs something in the trash). */
    default boolean applicable(ChildWorld world) {
        return true;
    }

    void run(ChildWorld world) throws IOException;
}
