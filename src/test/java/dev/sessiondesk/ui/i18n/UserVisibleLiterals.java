package dev.sessiondesk.ui.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds string literals in Java source that a person would read in the GUI: arguments of the
 * calls that put text on screen ({@code setText}, {@code new Label}, {@code new MenuItem}, …) and
 * sentence-like literals (a capital letter, then a space or "…") anywhere else, except in logs,
 * exceptions, task descriptions and bundle keys.
 */
final class UserVisibleLiterals {
    /** Calls whose arguments end up on screen. */
    private static final Pattern SINK = Pattern.compile(
            "(?:\\.(?:setText|setPromptText|setTitle|setHeaderText|setContentText|setAccessibleText|setAccessibleHelp"
                    + "|setAccessibleRoleDescription|appendText|reportStatus|notice|addBannerChoice)"
                    + "|new\\s+(?:Label|Button|MenuItem|Menu|CheckMenuItem|RadioMenuItem|Hyperlink|Tooltip|ToggleButton"
                    + "|CheckBox|RadioButton|Tab|TitledPane|Text|ButtonType|Alert|TextInputDialog|ExtensionFilter"
                    + "|FileChooser\\.ExtensionFilter))\\s*\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Sentences: "Open in New Window", "Saving…", "Rename…". */
    private static final Pattern SENTENCE = Pattern.compile("^\\p{Lu}[\\p{L}'’]*(?:[ …].*|…)$");
    /** Statements whose strings are for developers: logs, exceptions, task names, bundle lookups. */
    private static final Pattern DEVELOPER_TEXT = Pattern.compile(
            "\\bLOG\\.|Exception\\(|new ChatTurn\\(|\\bBackgroundTask\\.|\\bassert|Texts\\.of\\(|\\.get\\(\"|@\\w+\\(|getResource|Thread\\(|UiThreadGuard\\.");

    /** Node ids, style classes and file patterns: "banner-open-backup", "*.json". */
    private static final Pattern ID_OR_PATTERN = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)+|\\*\\.[\\w*]+");

    record Finding(int line, String literal, String context) {
    }

    private UserVisibleLiterals() {
    }

    static List<Finding> find(String source) {
        String code = blankComments(source);
        List<Finding> out = new ArrayList<>();
        Matcher sink = SINK.matcher(code);
        List<int[]> sinkSpans = new ArrayList<>();
        while (sink.find()) {
            int end = closingParen(code, sink.end() - 1);
            sinkSpans.add(new int[] {sink.start(), end});
        }
        Matcher lit = LITERAL.matcher(code);
        while (lit.find()) {
            String text = lit.group(1);
            if (!hasWords(text)) {
                continue;
            }
            String statement = statementAround(code, lit.start());
            if (isBundleKey(code, lit.start()) || isComparedWith(code, lit.start()) || ID_OR_PATTERN.matcher(text).matches()) {
                continue;
            }
            boolean inSink = sinkSpans.stream().anyMatch(s -> lit.start() > s[0] && lit.start() < s[1]);
            boolean sentence = SENTENCE.matcher(text).matches() && !DEVELOPER_TEXT.matcher(statement).find();
            if ((inSink && !DEVELOPER_TEXT.matcher(statement).find()) || sentence) {
                out.add(new Finding(lineOf(code, lit.start()), text, statement.strip().replaceAll("\\s+", " ")));
            }
        }
        return out;
    }

    /** The literal is the key (or area) of a bundle lookup: {@code .get("key"} / {@code of("area")}. */
    private static boolean isBundleKey(String code, int quote) {
        int i = quote - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        if (i < 0 || code.charAt(i) != '(') {
            return false;
        }
        String before = code.substring(Math.max(0, i - 12), i);
        return before.endsWith(".get") || before.endsWith("Texts.of") || before.endsWith(".text")
                || before.endsWith(".has");
    }

    /** Text looked for in other text, never shown: {@code n.contains("failed")}. */
    private static boolean isComparedWith(String code, int quote) {
        String before = code.substring(Math.max(0, quote - 14), quote).stripTrailing();
        return before.matches("(?s).*\\.(?:contains|equals|equalsIgnoreCase|startsWith|endsWith|indexOf|matches|split|replace)\\($");
    }

    private static boolean hasWords(String text) {
        // The product's name is the same in every language.
        return text.codePoints().filter(Character::isLetter).count() >= 2 && !text.startsWith("-fx-")
                && !text.equals("SessionDesk");
    }

    private static int closingParen(String code, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    private static String statementAround(String code, int at) {
        int start = Math.max(Math.max(code.lastIndexOf(';', at), code.lastIndexOf('{', at)), code.lastIndexOf('}', at)) + 1;
        int end = code.indexOf(';', at);
        return code.substring(start, end < 0 ? code.length() : end);
    }

    private static int lineOf(String code, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Comments become spaces (lines kept), so quotes in Javadoc are not taken for code. */
    private static String blankComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(s, i, Math.min(j + 1, s.length()));
                i = j + 1;
            } else if (c == '\'' && i + 2 < s.length()) {
                int j = s.charAt(i + 1) == '\\' ? s.indexOf('\'', i + 3) : i + 2;
                j = j < 0 ? i : j;
                out.append(s, i, j + 1);
                i = j + 1;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
