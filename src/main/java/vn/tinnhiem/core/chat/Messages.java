package vn.tinnhiem.core.chat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

/**
 * User-facing text from the message bundles: {@code messages.properties} (Vietnamese, the
 * default) and {@code messages_en.properties}. Both have the same keys (a test checks).
 */
public final class Messages {
    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    public static final Locale ENGLISH = Locale.ENGLISH;

    /**
     * Where a Vietnamese text addresses the reader it writes ⟨bạn⟩ (or ⟨Bạn⟩ to start a
     * sentence), so a vote can say "đồng chí" instead: {@link #addressing}.
     */
    static final String YOU = "⟨bạn⟩";
    static final String YOU_CAPITAL = "⟨Bạn⟩";
    /**
     * Where a text names those who vote it writes ⟨summoned⟩ (⟨Summoned⟩ to start a sentence):
     * the rulebook's word ({@link Rulebook#summonedKey}), "người được triệu tập" at a Party
     * conference, "đại biểu" in an elected body.
     */
    static final String SUMMONED = "⟨summoned⟩";
    static final String SUMMONED_CAPITAL = "⟨Summoned⟩";
    private static final String DEFAULT_ADDRESS = "bạn";

    private final ResourceBundle bundle;
    private final Locale locale;
    private final String address;
    private final Rulebook rulebook;
    /** This language, form of address and rulebook, as the start of a key in {@link #FORMATS}. */
    private final String formatsPrefix;

    private Messages(Locale locale) {
        this(locale, DEFAULT_ADDRESS, Rulebook.QD96_2023);
    }

    private Messages(Locale locale, String address, Rulebook rulebook) {
        this.address = address;
        this.rulebook = rulebook;
        this.locale = supported(locale);
        this.formatsPrefix = this.locale.toLanguageTag() + '\u0000' + address + '\u0000' + rulebook.id() + '\u0000';
        // No fallback to the JVM's default locale: a machine set to English must still
        // speak Vietnamese to a Vietnamese vote.
        this.bundle = ResourceBundle.getBundle("messages", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static final Messages VI = new Messages(VIETNAMESE);
    private static final Messages EN = new Messages(ENGLISH);

    public static Messages of(Locale locale) {
        return "en".equals(supported(locale).getLanguage()) ? EN : VI;
    }

    /** Vietnamese or English; anything else becomes Vietnamese. */
    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : VIETNAMESE;
    }

    /**
     * The language for a user: theirs when the platform says it and we have it, otherwise
     * the vote's.
     */
    public static Locale forUser(String languageCode, Locale voteLanguage) {
        if (languageCode != null) {
            String lang = languageCode.toLowerCase(Locale.ROOT);
            if (lang.startsWith("vi")) {
                return VIETNAMESE;
            }
            if (lang.startsWith("en")) {
                return ENGLISH;
            }
        }
        return supported(voteLanguage);
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The same texts, addressing the reader as {@code address} ("đồng chí") where the
     * Vietnamese text says ⟨bạn⟩; null keeps "bạn". English texts say "you" either way.
     */
    public Messages addressing(String address) {
        String a = address == null || address.isBlank() ? DEFAULT_ADDRESS : address.strip();
        return a.equals(this.address) ? this : new Messages(locale, a, rulebook);
    }

    /**
     * The same texts for a vote: its rulebook's words for those who vote, and its form of
     * address ({@link VoteDefinition#address}, or the rulebook's default: "đồng chí" under
     * QĐ 96, "đại biểu" under the National Assembly's resolutions).
     */
    public Messages forVote(VoteDefinition vote) {
        String a = vote.address() == null || vote.address().isBlank() ? vote.rulebook().defaultAddress()
                : vote.address().strip();
        return a.equals(address) && vote.rulebook() == rulebook ? this : new Messages(locale, a, vote.rulebook());
    }

    /** The rulebook whose words these texts use. */
    public Rulebook rulebook() {
        return rulebook;
    }

    /** The form of address ⟨bạn⟩ becomes ("bạn", "đồng chí", "đại biểu"). */
    public String address() {
        return address;
    }

    public String get(String key, Object... args) {
        Object compiled = FORMATS.computeIfAbsent(formatsPrefix + key, k -> compile(key));
        if (compiled instanceof String plain) {
            return plain;
        }
        // A MessageFormat is not safe to share between threads: each call formats with a copy.
        return ((MessageFormat) ((MessageFormat) compiled).clone()).format(args);
    }

    /**
     * The key's text as a MessageFormat, or as a String when formatting would not change it (no
     * argument, no quote). Parsing a pattern on every call was a tenth of the bot's work per
     * press: each screen is a dozen texts.
     */
    private Object compile(String key) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing message key " + key + " for " + locale, e);
        }
        if (pattern.indexOf('⟨') >= 0) {
            pattern = pattern.replace(YOU, address).replace(YOU_CAPITAL, capital(address));
            if (pattern.contains(SUMMONED) || pattern.contains(SUMMONED_CAPITAL)) {
                String term = bundle.getString(rulebook.summonedKey());
                pattern = pattern.replace(SUMMONED, term).replace(SUMMONED_CAPITAL, capital(term));
            }
        }
        if (pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        // Always through MessageFormat, so every value follows one quoting rule ('' for ').
        return new MessageFormat(pattern, locale);
    }

    private String capital(String word) {
        return word.substring(0, 1).toUpperCase(locale) + word.substring(1);
    }

    /** Compiled texts by language, form of address and key: a few hundred at most. */
    private static final Map<String, Object> FORMATS = new ConcurrentHashMap<>();
}
