package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.chat.Inbound;

/** What the mapper makes of updates shaped as the Zalo Bot Platform sends them. */
class ZaloUpdateMapperTest {
    private final ZaloUpdateMapper mapper = new ZaloUpdateMapper();

    /** The sample update of the platform's Webhook documentation (bot.zaloplatforms.com/docs), verbatim. */
    private static final String PLATFORM_SAMPLE = """
            {
              "message": {
                "from": { "id": "6ede9afa66b88fe6d6a9", "display_name": "Ted", "is_bot": false },
                "chat": { "id": "6ede9afa66b88fe6d6a9", "chat_type": "PRIVATE" },
                "text": "Xin chào",
                "message_id": "2d758cb5e222177a4e35",
                "date": 1750316131602
              },
              "event_name": "message.text.received"
            }""";

    @Test
    void theplatformsOwnSampleUpdateIsAMessageFromItsSender() {
        Optional<Inbound> in = mapper.map(JsonParser.parseString(PLATFORM_SAMPLE).getAsJsonObject());

        assertTrue(in.isPresent(), "a real-form (20 hexadecimal characters) user id was dropped");
        assertEquals("zl:6ede9afa66b88fe6d6a9", in.get().from().key());
        assertEquals("Xin chào", ((Inbound.Text) in.get()).text());
    }

    @Test
    void anIdWithSpacesSeparatorsOrOver64CharactersIsDropped() {
        for (String id : new String[] {"6ede 9afa", "zl:6ede9afa", "a/b", "a".repeat(65), ""}) {
            JsonObject u = JsonParser.parseString(PLATFORM_SAMPLE).getAsJsonObject();
            u.getAsJsonObject("message").getAsJsonObject("from").addProperty("id", id);
            assertTrue(mapper.map(u).isEmpty(), id);
        }
        JsonObject longest = JsonParser.parseString(PLATFORM_SAMPLE).getAsJsonObject();
        longest.getAsJsonObject("message").getAsJsonObject("from").addProperty("id", "A_-9".repeat(16));
        assertTrue(mapper.map(longest).isPresent(), "64 characters of letters, digits, _ and - are an id");
    }
}
