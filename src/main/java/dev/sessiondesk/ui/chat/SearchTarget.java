package dev.sessiondesk.ui.chat;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The message a search asked a window to show (-1: none) and the words it matched there. The
 * window scrolls to it once it is loaded, marks the words, and clears the request.
 */
public final class SearchTarget {
    private final SimpleIntegerProperty seq = new SimpleIntegerProperty(-1);
    private List<String> words = List.of();

    /** Asks for message {@code seq} with {@code words} marked; asking again for the same seq reveals it again. */
    public void request(int seq, List<String> words) {
        this.words = List.copyOf(words);
        this.seq.set(-1);
        this.seq.set(seq);
    }

    public void clear() {
        seq.set(-1);
    }

    public ReadOnlyIntegerProperty seqProperty() {
        return seq;
    }

    public int seq() {
        return seq.get();
    }

    public List<String> words() {
        return words;
    }
}
