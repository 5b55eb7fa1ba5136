package vn.tinnhiem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SPEC 8: "Every user-visible text lives in a message bundle; both bundles have the same
 * keys." Also: no empty texts, the same {0}/{1} placeholders in both languages, and
 * patterns that {@link MessageFormat} reads as meant.
 */
class MessageBundlesTest {
    private static final String DEFAULT = "messages.properties";
    private static final String ENGLISH = "messages_en.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)(?:,[^}]*)?}");

    @Test
    void bothBundlesHaveTheSameKeys() {
        Map<String, String> vi = load(DEFAULT);
        Map<String, String> en = load(ENGLISH);

        List<String> problems = keyDifferences(vi, en);

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noTextIsEmpty() {
        List<String> empty = new ArrayList<>();
        for (String bundle : List.of(DEFAULT, ENGLISH)) {
            load(bundle).forEach((k, v) -> {
                if (v.isBlank()) {
                    empty.add(bundle + ": " + k);
                }
            });
        }
        assertTrue(empty.isEmpty(), "empty texts:\n" + String.join("\n", empty));
    }

    /**
     * A vote may address people as "đồng chí" instead of "bạn" (its {@code address} field):
     * that works only where the Vietnamese text writes the reader as ⟨bạn⟩. The sandbox's and
     * the hall display's own words are read raw from the bundle and never address a voter.
     */
    @Test
    void vietnameseTextsAddressTheReaderThroughThePlaceholder() {
        Pattern bare = Pattern.compile("(?<!⟨)\\b[bB]ạn\\b(?!⟩)", Pattern.UNICODE_CHARACTER_CLASS);
        List<String> bareYou = new ArrayList<>();
        load(DEFAULT).forEach((k, v) -> {
            if (!k.startsWith("sandbox.") && !k.startsWith("display.") && bare.matcher(v).find()) {
                bareYou.add(k + "=" + v);
            }
        });
        assertTrue(bareYou.isEmpty(), "write ⟨bạn⟩ / ⟨Bạn⟩, so the vote's form of address applies:\n"
                + String.join("\n", bareYou));
    }

    /**
     * Every key of both bundles, rendered through {@link vn.tinnhiem.core.chat.Messages} for a vote
     * under each rulebook with sample arguments, reads as words: no placeholder left (⟨…⟩, an
     * unfilled {0}), no raw token of the audit log or the code ("present=", "by=", "sha256=",
     * "_low", "null"), no "(s)" plural, and English quotes are “…”, never «…» (issue 22).
     */
    @Test
    void everyKeyRendersForEveryRulebookWithoutRawTokens() {
        Pattern raw = Pattern.compile("⟨|⟩|\\{\\d|\\b(present|summoned|by|sha256|count|recipients|override)=|_low\\b|\\bnull\\b"
                + "|\\(s\\)|\\bTRUE\\b|\\bFALSE\\b");
        List<String> problems = new ArrayList<>();
        Object[] args = {2, 3, 14, 10, 5, 6, 7, 8, 9, 10, 11, 12};
        for (vn.tinnhiem.core.Rulebook rulebook : vn.tinnhiem.core.Rulebook.values()) {
            vn.tinnhiem.core.VoteDefinition vote = new vn.tinnhiem.core.VoteDefinition("v", "T", "U", rulebook, null,
                    List.of(new vn.tinnhiem.core.Leader("l", "N", "P")),
                    List.of(new vn.tinnhiem.core.Person("p", "Q", List.of())), List.of(), List.of(), null, false);
            for (String bundle : List.of(DEFAULT, ENGLISH)) {
                vn.tinnhiem.core.chat.Messages m = vn.tinnhiem.core.chat.Messages.of(
                        bundle.equals(DEFAULT) ? vn.tinnhiem.core.chat.Messages.VIETNAMESE
                                : vn.tinnhiem.core.chat.Messages.ENGLISH).forVote(vote);
                for (String key : load(bundle).keySet()) {
                    if (key.equals("audit.other") || key.startsWith("sandbox.") || key.startsWith("display.")) {
                        continue; // a log line as stored; the page's own words, filled in by its script
                    }
                    String text = m.get(key, args);
                    if (raw.matcher(text).find()) {
                        problems.add(rulebook.id() + " " + bundle + ": " + key + " = " + text);
                    }
                    if (bundle.equals(ENGLISH) && (text.contains("«") || text.contains("»"))) {
                        problems.add(rulebook.id() + " " + bundle + ": " + key + " quotes with «»: " + text);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void placeholdersMatchPerKey() {
        List<String> problems = placeholderDifferences(load(DEFAULT), load(ENGLISH));

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void patternsWithPlaceholdersAreValidMessageFormats() {
        List<String> problems = new ArrayList<>();
        for (String bundle : List.of(DEFAULT, ENGLISH)) {
            load(bundle).forEach((k, v) -> patternProblem(v).ifPresent(p -> problems.add(bundle + ": " + k + ": " + p)));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noKeyIsDefinedTwiceInOneFile() {
        for (String bundle : List.of(DEFAULT, ENGLISH)) {
            List<String> duplicates = new ArrayList<>();
            read(bundle, duplicates);
            assertTrue(duplicates.isEmpty(), bundle + " defines twice: " + duplicates);
        }
    }

    // ---- the checks check what they should ----

    @Test
    void missingKeysAreNamedOnTheSideTheyAreMissingFrom() {
        List<String> problems = keyDifferences(Map.of("a", "x", "b", "y"), Map.of("a", "x", "c", "z"));

        assertEquals(List.of("missing from " + ENGLISH + ": [b]", "missing from " + DEFAULT + ": [c]"),
                problems);
    }

    @Test
    void aPlaceholderMissingInOneLanguageIsReported() {
        List<String> problems = placeholderDifferences(
                Map.of("turnout", "Đã bỏ phiếu {0}/{1}", "same", "{0} và {1,number}"),
                Map.of("turnout", "Voted: {0}", "same", "{1} and {0}"));

        assertEquals(List.of("turnout: placeholders [0, 1] in " + DEFAULT + " but [0] in " + ENGLISH),
                problems);
    }

    @Test
    void aLoneApostropheInAPatternIsReported() {
        assertTrue(patternProblem("Don't forget {0}").isPresent());
        assertTrue(patternProblem("Missing brace {0").isPresent());
        assertFalse(patternProblem("Don''t forget {0}").isPresent());
        assertFalse(patternProblem("Don't worry").isPresent(), "no placeholder: not a pattern");
    }

    @Test
    void bundlesAreReadAsUtf8() {
        Map<String, String> vi = load(DEFAULT);

        // UTF-8 read as Latin-1 turns "á" into "Ã¡": Ã then a byte 0x80-0xBF. A lone Ã is
        // Vietnamese ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
        Pattern misDecoded = Pattern.compile("Ã[\\u0080-\\u00BF]|\uFFFD");
        assertFalse(vi.values().stream().anyMatch(v -> misDecoded.matcher(v).find()),
                "Vietnamese text looks mis-decoded");
    }

    // ---- helpers ----

    static List<String> keyDifferences(Map<String, String> vi, Map<String, String> en) {
        List<String> problems = new ArrayList<>();
        Set<String> missingEn = new TreeSet<>(vi.keySet());
        missingEn.removeAll(en.keySet());
        Set<String> missingVi = new TreeSet<>(en.keySet());
        missingVi.removeAll(vi.keySet());
        if (!missingEn.isEmpty()) {
            problems.add("missing from " + ENGLISH + ": " + missingEn);
        }
        if (!missingVi.isEmpty()) {
            problems.add("missing from " + DEFAULT + ": " + missingVi);
        }
        return problems;
    }

    static List<String> placeholderDifferences(Map<String, String> vi, Map<String, String> en) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(vi.keySet())) {
            if (!en.containsKey(key)) {
                continue;
            }
            Set<Integer> a = placeholders(vi.get(key));
            Set<Integer> b = placeholders(en.get(key));
            if (!a.equals(b)) {
                problems.add(key + ": placeholders " + a + " in " + DEFAULT + " but " + b + " in " + ENGLISH);
            }
        }
        return problems;
    }

    static Set<Integer> placeholders(String text) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    /**
     * A text with placeholders is formatted by {@link MessageFormat}, where a single quote
     * starts a quoted section: "Don't {0}" would print "Dont {0}". Write '' for an apostrophe.
     */
    static Optional<String> patternProblem(String text) {
        boolean looksLikePattern = text.contains("{") || text.contains("}");
        if (!looksLikePattern) {
            return Optional.empty();
        }
        if (text.replace("''", "").contains("'")) {
            return Optional.of("single ' in a pattern: write '' for an apostrophe");
        }
        try {
            new MessageFormat(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid MessageFormat pattern: " + e.getMessage());
        }
    }

    private static Map<String, String> load(String bundle) {
        return read(bundle, new ArrayList<>());
    }

    /** Reads a bundle from the classpath as UTF-8; keys given twice go to {@code duplicates}. */
    private static Map<String, String> read(String bundle, List<String> duplicates) {
        Map<String, String> map = new TreeMap<>();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + bundle)) {
            assertNotNull(in, bundle + " is not on the classpath (src/main/resources)");
            Properties p = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    if (containsKey(key)) {
                        duplicates.add((String) key);
                    }
                    return super.put(key, value);
                }
            };
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            p.forEach((k, v) -> map.put((String) k, (String) v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
