package vn.tinnhiem.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * getUpdates that reads each update on its own and tolerates fields the library does not
 * know yet. The library reads the whole batch strictly, so one update of a newer Bot API
 * version would fail every poll and stall the bot forever; here it becomes an empty update
 * that keeps its id, so the offset moves past it.
 */
final class LenientGetUpdates extends GetUpdates {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    LenientGetUpdates(long offset, int timeoutSeconds, List<String> allowedUpdates) {
        setOffset(offset == 0 ? null : Math.toIntExact(offset));
        setLimit(100);
        setTimeout(timeoutSeconds);
        setAllowedUpdates(allowedUpdates);
    }

    @Override
    public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (Exception e) {
            throw new TelegramApiRequestException("Unable to deserialize response", e);
        }
        if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray()) {
            return super.deserializeResponse(answer); // throws with Telegram's error code and description
        }
        ArrayList<Update> updates = new ArrayList<>();
        for (JsonNode node : root.get("result")) {
            updates.add(read(node));
        }
        return updates;
    }

    /** One update, or an empty one with just its id when it cannot be read. */
    static Update read(JsonNode node) {
        try {
            return JSON.treeToValue(node, Update.class);
        } catch (Exception e) {
            Update empty = new Update();
            empty.setUpdateId(node.path("update_id").asInt());
            return empty;
        }
    }
}
