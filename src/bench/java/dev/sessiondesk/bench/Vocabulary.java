package dev.sessiondesk.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Word-like text for generated conversations: a few hundred common English words followed by
 * seeded made-up technical terms, drawn with a Zipf-like skew (word at rank n is about 1/n as
 * frequent as the first) so full-text search sees realistic posting-list lengths: a handful of
 * words in almost every message, a long tail of rare ones.
 */
public final class Vocabulary {
    private static final String COMMON = "the of and to a in is it you that he was for on are with as I his they be at"
            + " one have this from or had by not word but what some we can out other were all there when up use your"
            + " how said an each she which do their time if will way about many then them write would like so these"
            + " her long make thing see him two has look more day could go come did number sound no most people my"
            + " over know water than call first who may down side been now find any new work part take get place made"
            + " live where after back little only round man year came show every good me give our under name very"
            + " through just form sentence great think say help low line differ turn cause much mean before move right"
            + " boy old too same tell does set three want air well also play small end put home read hand port large"
            + " spell add even land here must big high such follow act why ask men change went light kind off need"
            + " house picture try us again animal point mother world near build self earth father head stand own page"
            + " should country found answer school grow study still learn plant cover food sun four between state keep"
            + " eye never last let thought city tree cross farm hard start might story saw far sea draw left late run"
            + " while press close night real life few north open seem together next white children begin got walk"
            + " example ease paper group always music those both mark often letter until mile river car feet care"
            + " second book carry took science eat room friend began idea fish mountain stop once base hear horse cut"
            + " sure watch color face wood main enough plain girl usual young ready above ever red list though feel"
            + " talk bird soon body dog family direct pose leave song measure door product black short numeral class"
            + " wind question happen complete ship area half rock order fire south problem piece told knew pass since"
            + " top whole king space heard best hour better true during hundred five remember step early hold west"
            + " ground interest reach fast verb sing listen six table travel less morning ten simple several vowel"
            + " toward war lay against pattern slow center love person money serve appear road map rain rule govern"
            + " pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan"
            + " figure star box noun field rest correct able pound done beauty drive stood contain front teach week"
            + " final gave green quick develop ocean warm free minute strong special mind behind clear tail produce"
            + " fact street inch multiply nothing course stay wheel full force blue object decide surface deep moon"
            + " island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand"
            + " function class method compile build deploy commit branch merge rebase session message window store"
            + " query index schema migration thread socket buffer stream parse render layout button dialog";
    private static final String SYLLABLES_START = "bcdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";
    private static final int MADE_UP_TERMS = 4_000;

    private final String[] words;

    public Vocabulary(long seed) {
        List<String> common = List.of(COMMON.split(" "));
        Set<String> all = new LinkedHashSet<>(common);
        int wanted = all.size() + MADE_UP_TERMS;
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        while (all.size() < wanted) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + r.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                w.append(SYLLABLES_START.charAt(r.nextInt(SYLLABLES_START.length())));
                w.append(VOWELS.charAt(r.nextInt(VOWELS.length())));
                if (r.nextInt(3) == 0) {
                    w.append(SYLLABLES_START.charAt(r.nextInt(SYLLABLES_START.length())));
                }
            }
            all.add(w.toString());
        }
        this.words = all.toArray(String[]::new);
    }

    public int size() {
        return words.length;
    }

    /** The word at frequency rank {@code rank} (0 = most frequent). */
    public String word(int rank) {
        return words[rank];
    }

    String zipfWord(SplittableRandom r) {
        int rank = (int) Math.pow(words.length, r.nextDouble()) - 1;
        return words[Math.min(rank, words.length - 1)];
    }

    /** Sentences of words, about {@code length} characters long. */
    String prose(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        boolean sentenceStart = true;
        while (sb.length() < length) {
            String w = zipfWord(r);
            if (sentenceStart) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
                sentenceStart = false;
            } else {
                sb.append(w);
            }
            int p = r.nextInt(20);
            if (p == 0) {
                sb.append(". ");
                sentenceStart = true;
            } else if (p == 1) {
                sb.append(", ");
            } else if (p == 2 && sb.length() + 40 < length) {
                sb.append(" `").append(zipfWord(r)).append('_').append(zipfWord(r)).append("()` ");
            } else {
                sb.append(' ');
            }
        }
        sb.setLength(Math.max(1, length));
        return sb.toString().stripTrailing() + ".";
    }

    /** A shell-like command line for a tool call. */
    String command(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> "rg -n " + zipfWord(r) + " src/" + zipfWord(r);
            case 1 -> "cat src/main/java/" + zipfWord(r) + "/" + capitalised(zipfWord(r)) + ".java";
            case 2 -> "mvn -q test -Dtest=" + capitalised(zipfWord(r)) + "Test";
            default -> "ls -la " + zipfWord(r) + "/" + zipfWord(r);
        };
    }

    /** Line-oriented tool output (file listings, logs), about {@code length} characters long. */
    String toolOutput(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length + 80);
        int line = 1;
        while (sb.length() < length) {
            sb.append(line++).append(": ");
            int n = 3 + r.nextInt(10);
            for (int i = 0; i < n; i++) {
                sb.append(zipfWord(r)).append(i % 4 == 3 ? "." : " ");
            }
            sb.append('\n');
        }
        sb.setLength(length);
        return sb.toString();
    }

    private static String capitalised(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
