package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodesTest {
    private final Codes codes = new Codes(new SecureRandom());

    @Test
    void anInviteIsTenCrockfordSymbolsOfFiftyBitsAndAValidDeepLinkPayload() {
        assertEquals(32, Codes.INVITE_ALPHABET.chars().distinct().count());
        assertTrue(Codes.INVITE_LENGTH * Math.log(Codes.INVITE_ALPHABET.length()) / Math.log(2) >= 50);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = codes.invite();
            // Telegram's start parameter: 1-64 of A-Z a-z 0-9 _ -
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{10}") && code.matches("[A-Za-z0-9_-]{1,64}"), code);
            assertTrue(seen.add(code), "repeated " + code);
        }
    }

    @Test
    void printedInShortGroups() {
        assertEquals("K7M2-Q9XH-4T", Codes.grouped("K7M2Q9XH4T"));
    }

    @Test
    void typedWithOrWithoutSeparatorsInAnyCaseWithLookAlikesMapped() {
        assertEquals("K7M2Q9XH4T", Codes.normaliseInvite("K7M2-Q9XH-4T"));
        assertEquals("K7M2Q9XH4T", Codes.normaliseInvite("k7m2 q9xh 4t"));
        assertEquals("K7M2Q9XH4T", Codes.normaliseInvite(" k7m2q9xh4t "));
        assertEquals("K7M2Q9XH4T", Codes.normaliseInvite("k7m2_q9xh_4t"));
        assertEquals("10110ABCDE", Codes.normaliseInvite("IoLlO-abcd-e"));
    }

    @Test
    void whatCannotBeACodeIsNull() {
        assertNull(Codes.normaliseInvite("K7M2-Q9XH"));
        assertNull(Codes.normaliseInvite("K7M2-Q9XH-4TT"));
        assertNull(Codes.normaliseInvite("K7M2-Q9XH-4U"), "U is not in the alphabet");
        assertNull(Codes.normaliseInvite("xin chào bạn"));
        assertNull(Codes.normaliseInvite(null));
        assertNull(Codes.normaliseInvite("A".repeat(65)));
    }
}
