package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * A 44-leader announcement in messages of Telegram's 4,096 and Zalo's limit: cut only between
 * leaders, each message standing on its own (issue 22: message 2 began "Tín nhiệm cao: 38
 * (45,24%)…" with no name above it).
 */
class AnnouncementPartsTest {
    private static final Pattern LEADER_LINE = Pattern.compile("(?m)^(\\d+)\\. ");

    @ParameterizedTest
    @CsvSource({"vi, 4096", "en, 4096", "vi, 2000", "en, 2000"})
    void fortyFourLeadersAreCutOnlyBetweenLeaders(String language, int max) {
        assertEquals(4096, TelegramPlatform.PLATFORM.capabilities().maxText());
        assertEquals(2000, ZaloPlatform.MAX_TEXT);
        Results results = results(44);
        Messages m = Messages.of(java.util.Locale.forLanguageTag(language)).forVote(results.definition());

        List<String> parts = ResultsView.announcement(results, m, max);
        String whole = ResultsView.announcement(results, m);

        assertTrue(parts.size() > 1, "44 leaders do not fit one message of " + max);
        // The platform's own split, as before: some message began inside a leader's block.
        assertTrue(vn.tinnhiem.delivery.TextSplit.split(whole, max).stream().skip(1)
                .anyMatch(part -> !part.startsWith("📊") && !LEADER_LINE.matcher(part).lookingAt()));
        List<Integer> seen = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            String part = parts.get(p);
            assertTrue(part.length() <= max, "part " + (p + 1) + " has " + part.length() + " characters");
            assertTrue(part.startsWith("📊"), "part " + (p + 1) + " starts without a heading: " + part);
            assertTrue(part.contains(results.definition().title()), "part " + (p + 1) + " does not name the vote");
            Matcher first = LEADER_LINE.matcher(part);
            assertTrue(first.find(), "part " + (p + 1) + " has no leader");
            String heading = part.substring(0, first.start());
            String afterHeading = part.substring(first.start());
            // Nothing of a leader's block above the first leader's number and name.
            assertTrue(!heading.contains("➜") && !heading.contains("Tín nhiệm cao:")
                    && !heading.contains("High confidence:"), "part " + (p + 1) + " begins mid-leader: " + heading);
            if (p > 0) {
                assertTrue(part.contains("(" + (p + 1) + "/" + parts.size() + ")")
                        || part.contains((p + 1) + " of " + parts.size())
                        || part.contains("phần " + (p + 1) + "/" + parts.size()), part);
            }
            // Every block starts with its number, name and position, and ends with the verdict.
            assertTrue(part.strip().endsWith(".") , "part " + (p + 1) + " ends mid-leader");
            Matcher leaders = LEADER_LINE.matcher(afterHeading);
            while (leaders.find()) {
                seen.add(Integer.parseInt(leaders.group(1)));
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= 44; i++) {
            all.add(i);
        }
        assertEquals(all, seen, "every leader once, in order");
        for (int i = 1; i <= 44; i++) {
            String block = whole.split("\n\n")[i];
            assertEquals(1, parts.stream().filter(p -> p.contains(block)).count(), "leader " + i + " whole in one part");
        }
    }

    @ParameterizedTest
    @CsvSource({"vi", "en"})
    void aShortAnnouncementIsOneMessageAsBefore(String language) {
        Results results = results(3);
        Messages m = Messages.of(java.util.Locale.forLanguageTag(language)).forVote(results.definition());

        assertEquals(List.of(ResultsView.announcement(results, m)), ResultsView.announcement(results, m, 4096));
    }

    private static Results results(int n) {
        List<Leader> leaders = new ArrayList<>();
        List<LeaderCounts> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaders.add(new Leader("l" + i, "Nguyễn Thị Phương Thảo Số " + (i + 1),
                    "Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn, phụ trách khối " + (i + 1)));
            counts.add(new LeaderCounts(38, 30, 14, 2));
        }
        List<Person> roster = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            roster.add(new Person("p" + i, "Đại biểu " + i, List.of()));
        }
        VoteDefinition vote = new VoteDefinition("v", "Lấy phiếu tín nhiệm kỳ họp thứ 6", "Hội đồng nhân dân tỉnh",
                Rulebook.NQ96_2023, null, leaders, roster, List.of(), List.of(), null, false);
        return Results.of(vote, new Tally(84, 84, counts));
    }
}
