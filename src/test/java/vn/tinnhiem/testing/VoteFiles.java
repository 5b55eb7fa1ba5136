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

    /**
     * Writes the three-leader vote the bot-process tests run (in Vietnamese, results to staff
     * only) with {@code participants} people p001…, and returns {@code file}.
     */
    public static java.nio.file.Path writeThreeLeaderVote(java.nio.file.Path file, String id, String title,
            int participants) throws java.io.IOException {
        ObjectNode v = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("id", id)
                .put("title", title).put("unit", "Cục THADS tỉnh Thử nghiệm").put("rulebook", "qd96-2023")
                .put("language", "vi").put("announceToParticipants", false);
        ArrayNode leaders = v.putArray("leaders");
        leaders.addObject().put("id", "director").put("fullName", "Nguyễn Văn An").put("position", "Cục trưởng");
        leaders.addObject().put("id", "deputy1").put("fullName", "Trần Thị Bình").put("position", "Phó Cục trưởng");
        leaders.addObject().put("id", "deputy2").put("fullName", "Lê Văn Cường").put("position", "Phó Cục trưởng");
        addPeople(v, participants, "p%03d");
        java.nio.file.Files.writeString(file, v.toPrettyString());
        return file;
    }
}
