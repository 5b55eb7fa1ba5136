package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/** Every organiser and supervisor command, sent as every role: only the allowed ones act. */
class AuthorizationTest {
    private static final Map<String, Account> ROLES = Map.of(
            "organiser", tg(Votes.ORGANISER_ID),
            "supervisor", tg(Votes.SUPERVISOR_ID),
            "participant", tg(Votes.participantTelegramId(1)),
            "stranger", tg(999));

    /** Which roles may use each command (participants see results only when the vote says so). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "open", Set.of("organiser"),
            "close", Set.of("organiser"),
            "remind", Set.of("organiser"),
            "status", Set.of("organiser", "supervisor"),
            "audit", Set.of("organiser", "supervisor"),
            "results", Set.of("organiser", "supervisor"));

    private static Account tg(long id) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, "vi");
    }

    private InMemoryVoteStore store;
    private ChatFlow flow;

    private void voteIn(VoteState state, boolean announce) {
        VoteDefinition vote = Votes.builder("v1").participants(3).announceToParticipants(announce).build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
        for (int i = 1; i <= 3; i++) {
            flow.handle(new Inbound.Start(tg(Votes.participantTelegramId(i)), null));
        }
        if (state != VoteState.DRAFT) {
            flow.handle(new Inbound.Command(ROLES.get("organiser"), "open", List.of()));
        }
        if (state == VoteState.CLOSED) {
            // Ballots are outstanding: the organiser confirms the close.
            flow.handle(new Inbound.Command(ROLES.get("organiser"), "close", List.of("force")));
        }
        assertEquals(state, store.state("v1"));
    }

    @ParameterizedTest(name = "/{0} as {1}")
    @CsvSource({
        "open,organiser", "open,supervisor", "open,participant", "open,stranger",
        "close,organiser", "close,supervisor", "close,participant", "close,stranger",
        "remind,organiser", "remind,supervisor", "remind,participant", "remind,stranger",
        "status,organiser", "status,supervisor", "status,participant", "status,stranger",
        "audit,organiser", "audit,supervisor", "audit,participant", "audit,stranger",
        "results,organiser", "results,supervisor", "results,participant", "results,stranger"})
    void onlyAllowedRolesAct(String command, String role) {
        VoteState needed = switch (command) {
            case "open" -> VoteState.DRAFT;
            case "results" -> VoteState.CLOSED;
            default -> VoteState.OPEN;
        };
        voteIn(needed, false);
        int auditBefore = store.auditLog("v1").size();
        // /close with ballots outstanding asks first: "force" is the organiser's confirmation.
        List<Reply> replies = flow.handle(new Inbound.Command(ROLES.get(role), command,
                command.equals("close") ? List.of("force") : List.of()));
        String text = replies.toString();
        boolean allowed = ALLOWED.get(command).contains(role);

        boolean acted = switch (command) {
            case "open" -> store.state("v1") == VoteState.OPEN;
            case "close" -> store.state("v1") == VoteState.CLOSED;
            case "remind" -> store.auditLog("v1").size() > auditBefore;
            case "status" -> text.contains("Số người được triệu tập");
            case "audit" -> text.contains("Nhật ký kiểm tra");
            default -> text.contains("KẾT QUẢ");
        };
        assertEquals(allowed, acted, "/" + command + " as " + role + ": " + text);
        if (!allowed) {
            assertTrue(text.contains("không có quyền"), text);
            assertEquals(auditBefore, store.auditLog("v1").size(), "a refused command left a trace");
        }
    }

    @ParameterizedTest(name = "results to participants when announced: {0}")
    @CsvSource({"true", "false"})
    void participantsReadResultsOnlyWhenTheVoteSaysSo(boolean announce) {
        voteIn(VoteState.CLOSED, announce);
        List<Reply> replies = flow.handle(new Inbound.Command(ROLES.get("participant"), "results", List.of()));
        assertEquals(announce, replies.toString().contains("KẾT QUẢ"), replies.toString());
    }
}
