package vn.tinnhiem.zalo;

import java.util.Collections;
import java.util.List;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.ResultsView;
import vn.tinnhiem.delivery.TextSplit;

/**
 * What a vote would cost on Zalo, before it runs, against the bot's plan: the free plan is
 * reported by public client projects as 3,000 outbound messages a month and 50 users a bot.
 * Counted as the bot sends them (split at {@link ZaloPlatform#MAX_TEXT}): per participant, a
 * check-in answer, the whole ballot, the review, the receipt, one reminder, and the results when
 * the vote announces them to participants; per organiser or supervisor on Zalo, a handful of
 * commands and the results.
 *
 * @param participants who may use Zalo: a {@code zaloId}, or an invite code only
 * @param staff        organisers and supervisors with a {@code zaloId}
 */
public record ZaloBudget(int participants, int withZaloId, int staff, int ballotMessages, int reviewMessages,
        int resultMessages, int perParticipant, long total) {
    /** Messages an organiser or supervisor on Zalo gets besides the results: /open, /status, /remind, /close. */
    static final int STAFF_COMMANDS = 8;

    public static ZaloBudget of(VoteDefinition vote) {
        Messages m = Messages.of(vote.language()).forVote(vote);
        List<Person> roster = vote.roster();
        int withZaloId = (int) roster.stream().filter(p -> RosterFields.zaloId(p) != null).count();
        int codeOnly = (int) roster.stream().filter(p -> RosterFields.zaloId(p) == null && InviteRule.needsCode(p))
                .count();
        int staff = (int) java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> RosterFields.zaloId(p) != null).count();
        int ballot = parts(BallotView.wholeText(vote, m));
        int review = parts(BallotView.textReview(vote, m, ZaloPlatform.MAX_TEXT));
        int n = roster.size();
        String results = ResultsView.announcement(Results.of(vote, new Tally(n, n,
                Collections.nCopies(vote.leaderCount(), new LeaderCounts(n, 0, 0, 0)))), m);
        int resultParts = parts(results);
        int per = 1 + ballot + review + 1 + 1 + (vote.announceToParticipants() ? resultParts : 0);
        int participants = withZaloId + codeOnly;
        long total = (long) participants * per + (long) staff * (STAFF_COMMANDS + resultParts);
        return new ZaloBudget(participants, withZaloId, staff, ballot, review, resultParts, per, total);
    }

    private static int parts(String text) {
        return TextSplit.split(text, ZaloPlatform.MAX_TEXT).size();
    }

    /** Zalo users the vote may bring to the bot: participants and staff. */
    public int users() {
        return participants + staff;
    }
}
