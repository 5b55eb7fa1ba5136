package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/**
 * Zalo's messages are a monthly budget (public client projects report 3,000 a month on the
 * free plan), so this measures what a vote costs: bot messages (sendMessage calls, as the
 * outbox splits them at the platform's limit) per summoned participant, for a whole vote
 * (check-in before the opening, the ballot at /open, answers, the review, «gửi», a reminder
 * to the half who had not voted yet, and close), for 3, 20 and 44 leaders, with the whole
 * ballot answered in one message or step by step. Results are checked exact.
 */
class ZaloMessageBudgetTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private static final Account ORGANISER = new Account(TelegramPlatform.PLATFORM,
            Long.toString(Votes.ORGANISER_ID), null, null, "vi");
    private static final int PEOPLE = 20;
    private static final String[] SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
        "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Minh", "Thị Thu", "Quốc", "Thanh", "Đức", "Hữu"};
    private static final String[] GIVEN = {"An", "Bình", "Cường", "Dũng", "Hương", "Lan", "Hải", "Tuấn", "Thảo",
        "Hùng", "Phương", "Quang", "Trang", "Sơn", "Hà", "Long"};
    private static final String[] POSITIONS = {"Chủ tịch Hội đồng nhân dân tỉnh", "Phó Chủ tịch Hội đồng nhân dân tỉnh",
        "Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "Trưởng Ban Pháp chế",
        "Trưởng Ban Kinh tế - Ngân sách", "Giám đốc Sở Tài chính", "Giám đốc Sở Tư pháp", "Chánh Thanh tra tỉnh",
        "Giám đốc Sở Nội vụ", "Ủy viên Ủy ban nhân dân tỉnh"};

    /** A council's ballot: realistic names and positions, as a provincial council rates them. */
    static List<Leader> leaders(int n) {
        Random r = new Random(n);
        List<Leader> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Leader("l" + i, SURNAMES[r.nextInt(SURNAMES.length)] + " " + MIDDLE[r.nextInt(MIDDLE.length)]
                    + " " + GIVEN[r.nextInt(GIVEN.length)], POSITIONS[r.nextInt(POSITIONS.length)]));
        }
        return out;
    }

    /** A real-form Zalo user id (20 hexadecimal characters), one per participant. */
    static String zaloId(int i) {
        return String.format(Locale.ROOT, "6ede9afa66b88fe6%04x", i);
    }

    /** Messages per summoned participant for a vote of {@code n} leaders; checks the results. */
    static double perParticipant(int n, boolean whole) {
        Votes.Builder b = Votes.builder("budget").leaders(leaders(n).toArray(Leader[]::new))
                .announceToParticipants(false);
        for (int i = 1; i <= PEOPLE; i++) {
            b.participant(new Person(String.format("z%02d", i), "Người " + i,
                    RosterFields.identities(null, null, null, zaloId(i))));
        }
        VoteDefinition vote = b.build();
        InMemoryVoteStore store = new InMemoryVoteStore();
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), CLOCK,
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
        int[] sent = {0};
        java.util.function.Consumer<List<Reply>> count = replies -> {
            for (Reply reply : replies) {
                if (ZaloPlatform.PLATFORM.owns(reply.to())) {
                    List<ZaloOutbox.Job> jobs = ZaloOutbox.render(reply);
                    jobs.forEach(j -> assertTrue(j.body().get("text").getAsString().length() <= 2000));
                    sent[0] += jobs.size();
                }
            }
        };
        List<Account> people = new ArrayList<>();
        for (int i = 1; i <= PEOPLE; i++) {
            Account a = new Account(ZaloPlatform.PLATFORM, zaloId(i), null, "Người " + i, null);
            people.add(a);
            count.accept(flow.handle(new Inbound.Start(a, null)));
        }
        count.accept(flow.handle(new Inbound.Command(ORGANISER, "open", List.of())));
        int[][] expected = new int[n][4];
        for (int i = 0; i < PEOPLE; i++) {
            if (i == PEOPLE / 2) {
                count.accept(flow.handle(new Inbound.Command(ORGANISER, "remind", List.of())));
            }
            Account a = people.get(i);
            StringBuilder digits = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int level = (i * 7 + k * 3) % 4;
                expected[k][level]++;
                digits.append(level + 1).append(' ');
                if (!whole) {
                    count.accept(flow.handle(new Inbound.Text(a, Integer.toString(level + 1))));
                }
            }
            if (whole) {
                count.accept(flow.handle(new Inbound.Text(a, digits.toString().strip())));
            }
            count.accept(flow.handle(new Inbound.Text(a, "gửi")));
        }
        count.accept(flow.handle(new Inbound.Command(ORGANISER, "close", List.of())));
        List<LeaderCounts> counts = store.tally("budget", vote.leaders().stream().map(Leader::id).toList()).counts();
        for (int k = 0; k < n; k++) {
            assertEquals(new LeaderCounts(expected[k][0], expected[k][1], expected[k][2], expected[k][3]),
                    counts.get(k), "leader " + (k + 1) + ": exactly what was typed");
        }
        assertEquals(PEOPLE, store.voters("budget").size());
        double per = (double) sent[0] / PEOPLE;
        if (whole) {
            // check-config's estimate (a reminder for everyone) bounds what was sent, within a message.
            int estimate = ZaloBudget.of(vote).perParticipant();
            assertTrue(per <= estimate && estimate <= per + 1, "estimate " + estimate + " for " + per);
        }
        return per;
    }

    @Test
    void aWholeBallotOf44LeadersCostsAtMostSixMessagesPerParticipant() {
        StringBuilder report = new StringBuilder("Zalo messages per summoned participant (" + PEOPLE + " people):");
        for (int n : new int[] {3, 20, 44}) {
            double whole = perParticipant(n, true);
            double step = perParticipant(n, false);
            report.append(String.format(Locale.ROOT, "%n  %2d leaders: whole ballot %.2f, step by step %.2f",
                    n, whole, step));
            if (n == 44) {
                assertTrue(whole <= 6, report.toString());
            }
        }
        System.out.println(report);
    }
}
