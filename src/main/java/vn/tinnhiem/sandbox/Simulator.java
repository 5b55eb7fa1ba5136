package vn.tinnhiem.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.sandbox.Sandbox.Action;

/**
 * Plays the remaining participants of a sandbox vote: each checks in the way the bot would
 * recognise them (by id or username, by sharing their phone, or with their invite code) and,
 * once the vote is open, walks through the ballot pressing real buttons at random, blanks
 * included, then submits. Everything goes through {@link Sandbox#act}, so the flow cannot
 * tell a simulated voter from a person clicking in the page.
 */
public final class Simulator {
    /** Roughly how a confident unit votes: mostly HIGH, some MEDIUM, a few LOW and blanks. */
    private static final Choice[] WEIGHTED = {
        Choice.HIGH, Choice.HIGH, Choice.HIGH, Choice.HIGH, Choice.HIGH, Choice.HIGH, Choice.HIGH, Choice.HIGH,
        Choice.HIGH, Choice.HIGH, Choice.MEDIUM, Choice.MEDIUM, Choice.MEDIUM, Choice.MEDIUM, Choice.MEDIUM,
        Choice.LOW, Choice.LOW, Choice.LOW, Choice.BLANK, Choice.BLANK};

    private final Sandbox sandbox;
    private final Random random;
    private final String languageCode;

    public Simulator(Sandbox sandbox, Random random, String languageCode) {
        this.sandbox = sandbox;
        this.random = random;
        this.languageCode = languageCode;
    }

    /** What a run did. */
    public record Report(int checkedIn, int voted) {}

    /**
     * Checks in participants not yet present until {@code turnout} are present, then, if the
     * vote is open, makes every present participant who has not voted vote.
     */
    public Report run(int turnout) {
        int checkedIn = checkIn(turnout);
        int voted = sandbox.state() == VoteState.OPEN ? voteAll() : 0;
        return new Report(checkedIn, voted);
    }

    /** Checks in absent participants, in roster order, until {@code turnout} are present. */
    public int checkIn(int turnout) {
        int present = (int) sandbox.personas().stream().filter(sandbox::checkedIn).count();
        int done = 0;
        for (Persona p : sandbox.personas()) {
            if (present >= turnout) {
                break;
            }
            if (!p.isParticipant() || sandbox.checkedIn(p)) {
                continue;
            }
            switch (p.checkInWay()) {
                case START -> say(p, "/start");
                case PHONE -> {
                    say(p, "/start");
                    sandbox.act(p.key(), new Action.ShareContact(), languageCode);
                }
                case INVITE -> say(p, "/start " + p.inviteCode());
                case NONE -> { }
            }
            if (sandbox.checkedIn(p)) {
                present++;
                done++;
            }
        }
        return done;
    }

    /** Every checked-in participant who has not voted walks through the ballot and submits. */
    public int voteAll() {
        int voted = 0;
        for (Persona p : sandbox.personas()) {
            if (sandbox.checkedIn(p) && !sandbox.voted(p) && vote(p)) {
                voted++;
            }
        }
        return voted;
    }

    private boolean vote(Persona p) {
        if (p.textOnly()) {
            return voteByTyping(p);
        }
        String voteId = sandbox.vote().id();
        if (ballot(p, voteId).isEmpty()) {
            say(p, "/start"); // the bot sends a checked-in participant their ballot again
        }
        // Each leader takes one press, the summary and the confirmation one more each; the margin
        // covers a stale message.
        for (int presses = 0; presses < 2 * sandbox.vote().leaderCount() + 5 && !sandbox.voted(p); presses++) {
            Optional<Transcript.Message> ballot = ballot(p, voteId);
            if (ballot.isEmpty()) {
                return false;
            }
            List<Keyboard.Button> buttons = ballot.get().buttons().stream().flatMap(List::stream).toList();
            // The review's «Gửi phiếu», then the confirmation screen's «Xác nhận gửi phiếu».
            String submit = CallbackData.submit(voteId);
            String finish = CallbackData.finish(voteId);
            String data = buttons.stream().anyMatch(b -> b.data().equals(submit)) ? submit
                    : buttons.stream().anyMatch(b -> b.data().equals(finish)) ? finish : pick(buttons);
            sandbox.act(p.key(), new Action.Press(ballot.get().id(), data), languageCode);
        }
        return sandbox.voted(p);
    }

    /** A Zalo-style chat: a number per leader (1-4, as the menu says), then "gửi" on the review. */
    private boolean voteByTyping(Persona p) {
        for (int typed = 0; typed < 2 * sandbox.vote().leaderCount() + 4 && !sandbox.voted(p); typed++) {
            if (sandbox.onReview(p)) {
                say(p, "gửi");
            } else {
                Choice c = WEIGHTED[random.nextInt(WEIGHTED.length)];
                say(p, Integer.toString(List.of(Choice.HIGH, Choice.MEDIUM, Choice.LOW, Choice.BLANK).indexOf(c) + 1));
            }
        }
        return sandbox.voted(p);
    }

    private String pick(List<Keyboard.Button> buttons) {
        char code = WEIGHTED[random.nextInt(WEIGHTED.length)].code();
        return buttons.stream().map(Keyboard.Button::data)
                .filter(d -> d.startsWith("r:") && d.charAt(d.length() - 1) == code)
                .findFirst().orElseThrow(() -> new IllegalStateException("ballot message without rating buttons"));
    }

    /** The newest message in the chat that carries ballot buttons. */
    private Optional<Transcript.Message> ballot(Persona p, String voteId) {
        List<Transcript.Message> messages = sandbox.messages(p.key());
        for (int i = messages.size() - 1; i >= 0; i--) {
            Transcript.Message m = messages.get(i);
            boolean isBallot = m.buttons().stream().flatMap(List::stream)
                    .anyMatch(b -> b.data().startsWith("r:" + voteId + ":") || b.data().equals(CallbackData.submit(voteId))
                            || b.data().equals(CallbackData.finish(voteId)));
            if (isBallot) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private void say(Persona p, String text) {
        sandbox.act(p.key(), new Action.Say(text), languageCode);
    }
}
