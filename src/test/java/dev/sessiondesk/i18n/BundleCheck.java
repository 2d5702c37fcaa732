package dev.sessiondesk.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks every folder of bundles must pass (the GUI's in {@code ui/i18n}, the app layer's in
 * {@code app/text}): each English {@code <area>.properties} has every translation, with the same keys
 * and the same placeholders, and every value is a valid, non-empty MessageFormat pattern.
 */
public final class BundleCheck {
    /** The languages besides English that every area must have. */
    public static final List<String> LANGUAGES = List.of("de");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private BundleCheck() {
    }

    /** Bundle name (area or area_lang) → file, from the compiled resources beside {@code marker}. */
    public static Map<String, Path> bundles(Class<?> anchor, String marker) throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(anchor.getResource(marker), marker).toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".properties")).collect(Collectors.toMap(
                    f -> f.getFileName().toString().replace(".properties", ""), f -> f, (a, b) -> a, TreeMap::new));
        }
    }

    /** The English bundles among {@code bundles}: area → file. */
    public static Map<String, Path> english(Map<String, Path> bundles) {
        return bundles.entrySet().stream().filter(e -> !e.getKey().contains("_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /**
     * Every problem of these bundles, one line each naming the file and the key; empty when all is well.
     * {@code alwaysFormatted}: whether every value goes through MessageFormat (the app layer's
     * {@code Wording}), or only values with a {@code {…}} element (the GUI's {@code Texts} shows the
     * others as written, so a plain value's apostrophe is one apostrophe and {@code ''} would show twice).
     */
    public static List<String> problems(Map<String, Path> bundles, boolean alwaysFormatted) throws IOException {
        Map<String, Path> english = english(bundles);
        List<String> problems = new ArrayList<>();
        for (var area : english.entrySet()) {
            Properties en = load(area.getValue());
            checkPatterns(area.getKey() + ".properties", en, alwaysFormatted, problems);
            for (String lang : LANGUAGES) {
                String name = area.getKey() + "_" + lang + ".properties";
                Path file = area.getValue().resolveSibling(name);
                if (!Files.exists(file)) {
                    problems.add(name + " is missing: area \"" + area.getKey() + "\" has no " + lang + " translation");
                    continue;
                }
                Properties tr = load(file);
                checkPatterns(name, tr, alwaysFormatted, problems);
                for (String key : new TreeSet<>(en.stringPropertyNames())) {
                    if (!tr.containsKey(key)) {
                        problems.add(name + ": key \"" + key + "\" is missing (English: \"" + en.getProperty(key) + "\")");
                    } else if (!placeholders(en.getProperty(key)).equals(placeholders(tr.getProperty(key)))) {
                        problems.add(name + ": key \"" + key + "\" uses placeholders " + placeholders(tr.getProperty(key))
                                + " but English uses " + placeholders(en.getProperty(key)));
                    }
                }
                for (String key : new TreeSet<>(tr.stringPropertyNames())) {
                    if (!en.containsKey(key)) {
                        problems.add(name + ": key \"" + key + "\" is not in " + area.getKey() + ".properties");
                    }
                }
            }
        }
        for (String name : bundles.keySet()) {
            String base = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
            if (!english.containsKey(base)) {
                problems.add(name + ".properties has no English " + base + ".properties beside it");
            }
        }
        return problems;
    }

    public static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static void checkPatterns(String file, Properties p, boolean alwaysFormatted, List<String> problems) {
        for (String key : p.stringPropertyNames()) {
            String v = p.getProperty(key);
            if (v.isBlank()) {
                problems.add(file + ": key \"" + key + "\" is empty");
                continue;
            }
            try {
                new MessageFormat(v, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add(file + ": key \"" + key + "\" is not a valid MessageFormat pattern: " + e.getMessage());
            }
            if ((alwaysFormatted || v.contains("{")) && v.matches(".*[A-Za-z]'[A-Za-z].*")) {
                problems.add(file + ": key \"" + key + "\" has a single apostrophe, which MessageFormat drops; write ''");
            }
        }
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
