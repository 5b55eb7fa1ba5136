package vn.tinnhiem.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Vote files (config/*.json) for tests and benchmarks that run the bot as its own process. */
public final class VoteFiles {
    private VoteFiles() {}

    /**
     * Adds the people of {@link Votes}: participants 1..{@code participants} (ids formatted by
     * {@code idFormat}, e.g. "p%03d", Telegram ids {@link Votes#participantTelegramId}), one
     * organiser and one supervisor.
     */
    public static ObjectNode addPeople(ObjectNode vote, int participants, String idFormat) {
        ArrayNode roster = vote.putArray("roster");
        for (int i = 1; i <= participants; i++) {
            roster.addObject().put("id", String.format(idFormat, i)).put("name", "Người " + i)
                    .put("telegramId", Votes.participantTelegramId(i));
        }
        vote.putArray("organisers").addObject().put("id", "org1").put("name", "Ban tổ chức")
                .put("telegramId", Votes.ORGANISER_ID);
        vote.putArray("supervisors").addObject().put("id", "sup1").put("name", "Giám sát")
                .put("telegramId", Votes.SUPERVISOR_ID);
        return vote;
    }
}
