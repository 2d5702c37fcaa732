package dev.sessiondesk.app.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of fixed English sentences another layer writes (one regular expression each, its groups
 * the sentence's arguments) and the key each one has in a bundle area: {@link StoreWords} and
 * {@link SyncWords} read the store's and the sync server's sentences into {@link UserText}s with it.
 */
final class Phrases {
    /** What one matched group becomes as an argument: the group as written, a number, another UserText… */
    interface Argument {
        Object of(String key, int index, String group);
    }

    static final Argument AS_WRITTEN = (key, index, group) -> group;

    /** The phrase that matched: its key and its arguments. */
    record Match(String area, String key, Object[] args) {
        UserText text() {
            return UserText.of(area, key, args);
        }
    }

    private record Phrase(String key, Pattern pattern) {
    }

    private final String area;
    private final List<Phrase> phrases;

    /** {@code keysAndRegexes}: key, regex, key, regex, … in the order they are tried. */
    Phrases(String area, String... keysAndRegexes) {
        if (keysAndRegexes.length % 2 != 0) {
            throw new IllegalArgumentException("a key without its regex");
        }
        this.area = area;
        Phrase[] p = new Phrase[keysAndRegexes.length / 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = new Phrase(keysAndRegexes[2 * i], Pattern.compile(keysAndRegexes[2 * i + 1]));
        }
        this.phrases = List.of(p);
    }

    /** The first phrase the whole {@code sentence} matches, its groups turned by {@code argument}; null if none. */
    Match find(String sentence, Argument argument) {
        for (Phrase p : phrases) {
            Matcher m = p.pattern().matcher(sentence);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = argument.of(p.key(), i, m.group(i + 1));
                }
                return new Match(area, p.key(), args);
            }
        }
        return null;
    }

    /** The matching phrase's UserText, or {@code sentence} as it is written when none matches. */
    UserText say(String sentence, Argument argument) {
        Match m = find(sentence, argument);
        return m == null ? UserText.plain(sentence) : m.text();
    }
}
