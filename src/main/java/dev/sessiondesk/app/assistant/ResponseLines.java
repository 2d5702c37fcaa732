package dev.sessiondesk.app.assistant;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP response as a queue of events the calling thread waits on with its own time limits:
 * first the status and headers, then each body line, then the end (or the failure). Waiting on our
 * own queue, rather than in a blocking socket read, is what makes Stop and the idle timeout act at
 * once: cancelling puts a marker in the queue and cancels the HTTP subscription.
 */
final class ResponseLines implements Flow.Subscriber<String> {
    sealed interface Event permits Headers, Line, End, Failed, Cancelled { }

    record Headers(HttpResponse.ResponseInfo info) implements Event { }

    record Line(String text) implements Event { }

    record End() implements Event { }

    record Failed(Throwable cause) implements Event { }

    record Cancelled() implements Event { }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private final int maxLineChars;

    /** @param maxLineChars a longer line ends the body with {@link SseLines.LineTooLong} */
    ResponseLines(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    /** The body handler that reports the headers and feeds the lines into this queue. */
    HttpResponse.BodyHandler<Void> handler() {
        return info -> {
            events.add(new Headers(info));
            return HttpResponse.BodySubscribers.fromSubscriber(new SseLines(this, maxLineChars));
        };
    }

    /** Reports a failure of the exchange itself (refused, reset) that happens before or instead of a body. */
    void exchangeFailed(Throwable cause) {
        Throwable t = cause;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        events.add(new Failed(t));
    }

    /** The next event, or null when nothing arrived within {@code limit}. */
    Event next(Duration limit) throws InterruptedException {
        return events.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        events.add(new Cancelled());
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE); // lines are bounded (SseLines); the queue is the buffer
        }
    }

    @Override
    public void onNext(String line) {
        events.add(new Line(line));
    }

    @Override
    public void onError(Throwable t) {
        events.add(new Failed(t));
    }

    @Override
    public void onComplete() {
        events.add(new End());
    }
}
