package vn.tinnhiem.core.chat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;

/**
 * The data behind every button, kept under Telegram's 64-byte limit and free of any
 * participant id (the participant is always the presser). Parsing is strict: anything that
 * does not match exactly is refused, whatever a forged client sends.
 *
 * <pre>
 *   r:VOTE:K:C   rate leader K with choice C (H, M, L, B)
 *   b:VOTE:K     back from leader K (K = leader count on the summary)
 *   e:VOTE:K     from the review, change leader K (the choice returns to the review)
 *   l:VOTE:K     from leader K's screen, open the review at the page holding K
 *   g:VOTE:P     on the review, show page P (0-based)
 *   f:VOTE       from the review: ask for the confirmation
 *   s:VOTE       submit (counts only on the confirmation screen)
 *   o:VOTE       organiser: open although the quorum is not reached
 *   c:VOTE       organiser: close although ballots are outstanding
 *   p:CMD:VOTE   pick which vote a command is for
 * </pre>
 * Numbers are written without leading zeros; K is at most 100 (the review's back), P at
 * most 9, so the longest (rate, with a 32-character vote id) is 40 bytes.
 */
public final class CallbackData {
    public static final int MAX_BYTES = 64;
    private static final String VOTE = "([a-z0-9][a-z0-9-]{0,31})";
    private static final String NUMBER = "(0|[1-9]\\d{0,2})";
    private static final Pattern RATE = Pattern.compile("r:" + VOTE + ":" + NUMBER + ":([HMLB])");
    private static final Pattern BACK = Pattern.compile("b:" + VOTE + ":" + NUMBER);
    private static final Pattern CHANGE = Pattern.compile("e:" + VOTE + ":" + NUMBER);
    private static final Pattern REVIEW = Pattern.compile("l:" + VOTE + ":" + NUMBER);
    private static final Pattern PAGE = Pattern.compile("g:" + VOTE + ":" + NUMBER);
    private static final Pattern SUBMIT = Pattern.compile("s:" + VOTE);
    private static final Pattern FINISH = Pattern.compile("f:" + VOTE);
    private static final Pattern FORCE_CLOSE = Pattern.compile("c:" + VOTE);
    private static final Pattern FORCE_OPEN = Pattern.compile("o:" + VOTE);
    private static final Pattern PICK = Pattern.compile("p:([a-z]{1,10}):" + VOTE);

    private CallbackData() {}

    /** A parsed press. */
    public sealed interface Parsed {
        String voteId();
    }

    public record Ballot(String voteId, BallotEvent event) implements Parsed {}

    public record ForceOpen(String voteId) implements Parsed {}

    public record ForceClose(String voteId) implements Parsed {}

    public record Pick(String command, String voteId) implements Parsed {}

    public static String rate(String voteId, int index, Choice choice) {
        return "r:" + voteId + ":" + index + ":" + choice.code();
    }

    public static String back(String voteId, int index) {
        return "b:" + voteId + ":" + index;
    }

    public static String change(String voteId, int index) {
        return "e:" + voteId + ":" + index;
    }

    public static String review(String voteId, int index) {
        return "l:" + voteId + ":" + index;
    }

    public static String page(String voteId, int page) {
        return "g:" + voteId + ":" + page;
    }

    public static String submit(String voteId) {
        return "s:" + voteId;
    }

    public static String finish(String voteId) {
        return "f:" + voteId;
    }

    public static String forceClose(String voteId) {
        return "c:" + voteId;
    }

    public static String forceOpen(String voteId) {
        return "o:" + voteId;
    }

    public static String pick(String command, String voteId) {
        return "p:" + command + ":" + voteId;
    }

    /** Parses callback data; empty for anything malformed, overlong or unknown. */
    public static Optional<Parsed> parse(String data) {
        if (data == null || data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = RATE.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1),
                    new BallotEvent.Rate(Integer.parseInt(m.group(2)), Choice.fromCode(m.group(3).charAt(0)))));
        }
        if ((m = BACK.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Back(Integer.parseInt(m.group(2)))));
        }
        if ((m = CHANGE.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Change(Integer.parseInt(m.group(2)))));
        }
        if ((m = REVIEW.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Review(Integer.parseInt(m.group(2)))));
        }
        if ((m = PAGE.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Page(Integer.parseInt(m.group(2)))));
        }
        if ((m = SUBMIT.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Submit(true)));
        }
        if ((m = FINISH.matcher(data)).matches()) {
            return Optional.of(new Ballot(m.group(1), new BallotEvent.Finish()));
        }
        if ((m = FORCE_CLOSE.matcher(data)).matches()) {
            return Optional.of(new ForceClose(m.group(1)));
        }
        if ((m = FORCE_OPEN.matcher(data)).matches()) {
            return Optional.of(new ForceOpen(m.group(1)));
        }
        if ((m = PICK.matcher(data)).matches()) {
            return Optional.of(new Pick(m.group(1), m.group(2)));
        }
        return Optional.empty();
    }
}
