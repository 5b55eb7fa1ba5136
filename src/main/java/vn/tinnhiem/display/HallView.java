package vn.tinnhiem.display;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Percent;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Deadlines;
import vn.tinnhiem.core.chat.Messages;

/**
 * What the hall display shows of one vote at one moment, as the page reads it (JSON).
 *
 * <p>It holds numbers of people, never people: no name, id, account or receipt of a
 * participant, and no count of any choice while the vote is open (SPEC 3, Status: "Never
 * partial counts while open"). The results appear only once the vote is closed.
 *
 * @param quorum      the fewest present for the 2/3 quorum (3·present ≥ 2·summoned)
 * @param issued      ballots issued (participants checked in once the vote is open)
 * @param returned    ballots submitted
 * @param returnedShare {@code returned} of {@code issued} with two decimals, as the minutes write shares ("58,33%")
 * @param deadline    ISO-8601 instant, or null if the vote has none
 * @param deadlineText the deadline in the vote's time zone, as people read it
 * @param now         the server's clock, so the countdown does not trust the projector's
 * @param results     null until the vote is closed
 */
record HallView(String lang, String title, String unit, String state, String stateLabel, int summoned,
        int checkedIn, int quorum, boolean quorumReached, int issued, int returned, String returnedShare, String deadline, String deadlineText, String now,
        ResultsTable results, Map<String, String> text) {

    record ResultsTable(String basis, List<Row> rows) {}

    record Row(int index, String name, String position, List<Share> shares, int valid, int invalid,
            String verdict, String verdictText) {}

    /** One level's (or the blank rows') count and its share of the rulebook's denominator. */
    record Share(String choice, int count, String percent, double value) {}

    static HallView of(VoteDefinition vote, VoteStore store, Instant now, Locale language) {
        Messages m = Messages.of(language).forVote(vote);
        VoteState state = store.state(vote.id());
        Set<String> present = store.checkedIn(vote.id()).keySet();
        int checkedIn = (int) vote.roster().stream().filter(p -> present.contains(p.id())).count();
        int issued = state == VoteState.DRAFT ? 0 : checkedIn;
        int returned = state == VoteState.DRAFT ? 0 : store.voters(vote.id()).size();
        ResultsTable results = null;
        if (state == VoteState.CLOSED) {
            Results r = Results.of(vote, store);
            issued = r.tally().issued();
            returned = r.tally().returned();
            results = table(r, m);
        }
        String name = state.name().toLowerCase(Locale.ROOT);
        return new HallView(m.locale().getLanguage(), vote.title(), vote.unit(), name, m.get("state." + name),
                vote.summoned(), checkedIn, quorum(vote.summoned()), vote.hasQuorum(checkedIn), issued, returned,
                new Percent(returned, issued).formatted(m.locale()), vote.deadline() == null ? null : vote.deadline().toString(), Deadlines.of(vote, m.locale()),
                now.toString(), results, text(m));
    }

    /** The smallest number present that reaches 2/3 of {@code summoned}, by exact integers. */
    static int quorum(int summoned) {
        return (2 * summoned + 2) / 3;
    }

    private static ResultsTable table(Results results, Messages m) {
        List<Row> rows = new ArrayList<>();
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            List<Share> shares = new ArrayList<>();
            for (Choice c : Choice.values()) {
                Percent p = r.percent(c);
                shares.add(new Share(c.name().toLowerCase(Locale.ROOT), r.counts().count(c), p.formatted(m.locale()),
                        p.value().doubleValue()));
            }
            String verdict = r.verdict().name().toLowerCase(Locale.ROOT);
            rows.add(new Row(i++, r.leader().fullName(), r.leader().position(), shares, r.valid(), r.invalid(),
                    verdict, m.get("display.verdict." + verdict)));
        }
        var vote = results.definition();
        return new ResultsTable(m.get("display.basis",
                m.get(vote.rulebook().denominatorKey()), m.get(vote.rulebook().nameKey())), rows);
    }

    /** The page's own words: every "display." key, and the choice labels. */
    private static Map<String, String> text(Messages m) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", m.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> out = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("display.") || key.startsWith("choice.")) {
                out.put(key, bundle.getString(key).replace("''", "'"));
            }
        }
        return out;
    }
}
