package dev.sessiondesk.app.assistant;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Turns an HTTP body into the lines of a server-sent-events stream (ended by LF, CR or CRLF), in time
 * linear in the body and with a maximum line length. The JDK's line subscriber took 4.4 s for one
 * 1 MB line and well over a minute for 10 MB (so a reply that had arrived at once was cut off as
 * "stopped sending"), and it had no limit at all (issue 18 item 20).
 */
final class SseLines implements Flow.Subscriber<List<ByteBuffer>> {
    /** A line longer than the limit: the stream is cancelled there. */
    static final class LineTooLong extends RuntimeException {
        private final int limit;

        LineTooLong(int limit) {
            super("a stream line longer than " + StreamLimits.size(limit), null, false, false);
            this.limit = limit;
        }

        int limit() {
            return limit;
        }
    }

    private final Flow.Subscriber<String> downstream;
    private final int maxLineChars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024);
    private final StringBuilder line = new StringBuilder();
    private ByteBuffer carry; // the start of a UTF-8 sequence that the next buffer completes
    private boolean afterCr;
    private boolean stopped;
    private Flow.Subscription subscription;

    SseLines(Flow.Subscriber<String> downstream, int maxLineChars) {
        this.downstream = downstream;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        downstream.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            if (stopped) {
                return;
            }
            decode(withCarry(b), false);
        }
    }

    private ByteBuffer withCarry(ByteBuffer b) {
        if (carry == null) {
            return b;
        }
        ByteBuffer joined = ByteBuffer.allocate(carry.remaining() + b.remaining()).put(carry).put(b).flip();
        carry = null;
        return joined;
    }

    private void decode(ByteBuffer in, boolean end) {
        while (!stopped) {
            CoderResult r = decoder.decode(in, chars, end);
            drain();
            if (r.isUnderflow()) {
                break;
            }
        }
        if (in.hasRemaining() && !end) {
            carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }
    }

    private void drain() {
        chars.flip();
        while (chars.hasRemaining() && !stopped) {
            char c = chars.get();
            if (c == '\n' && afterCr) {
                afterCr = false;
                continue; // the LF of a CRLF
            }
            afterCr = c == '\r';
            if (c == '\n' || c == '\r') {
                String text = line.toString();
                line.setLength(0);
                downstream.onNext(text);
            } else if (line.length() >= maxLineChars) {
                stop();
            } else {
                line.append(c);
            }
        }
        chars.clear();
    }

    private void stop() {
        stopped = true;
        line.setLength(0);
        subscription.cancel();
        downstream.onError(new LineTooLong(maxLineChars));
    }

    @Override
    public void onError(Throwable t) {
        if (!stopped) {
            stopped = true;
            downstream.onError(t);
        }
    }

    @Override
    public void onComplete() {
        if (stopped) {
            return;
        }
        decode(carry == null ? ByteBuffer.allocate(0) : carry, true);
        decoder.flush(chars);
        drain();
        if (stopped) {
            return;
        }
        if (line.length() > 0) {
            downstream.onNext(line.toString());
        }
        downstream.onComplete();
    }
}
