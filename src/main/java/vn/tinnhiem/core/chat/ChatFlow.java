package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * The conversation, platform-neutral: check-in, the ballot walk-through and the commands.
 * Adapters turn updates into {@link Inbound}s, call {@link #handle}, and deliver the
 * {@link Reply}s in order (the press answer first). Nothing here knows the platform.
 *
 * <p>Every handler is idempotent per update: a repeated update changes nothing twice (a
 * repeated press is a no-op in the ballot machine, a repeated submit finds the ballot
 * already counted and shows the same receipt, a repeated /open or /close finds the state
 * already changed).
 */
public final class ChatFlow {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final Codes codes;
    private final Clock clock;
    private final GuessThrottle throttle;
    private final StaffCommands staff;
    private final UserLanguages languages = new UserLanguages();
    private final BallotCopies ballots;
    /** Staff accounts already written to the store by this process: "voteId person" → account. */
    private final java.util.Map<String, String> staffSeen = new java.util.concurrent.ConcurrentHashMap<>();

    public ChatFlow(VoteRegistry votes, VoteStore store, Codes codes, Clock clock, List<Platform> platforms) {
        this(votes, store, codes, clock, platforms, ResultFiles.NONE);
    }

    /**
     * @param files the results as files for organisers and supervisors, after the announcement
     *              at close and with {@code /results} after close
     */
    public ChatFlow(VoteRegistry votes, VoteStore store, Codes codes, Clock clock, List<Platform> platforms,
            ResultFiles files) {
        this.votes = votes;
        this.store = store;
        this.codes = codes;
        this.clock = clock;
        this.throttle = new GuessThrottle(clock, 5, Duration.ofMinutes(15));
        this.ballots = new BallotCopies(votes, store, languages::messagesFor);
        this.staff = new StaffCommands(votes, store, clock, new Audience(votes, store, platforms), this, languages,
                java.util.Objects.requireNonNull(files, "files"));
        for (VoteDefinition vote : votes.all()) {
            List<AuditEntry> log = store.auditLog(vote.id());
            if (log.isEmpty()) {
                store.audit(vote.id(), new AuditEntry(clock.instant(), "created", "sha256=" + vote.fingerprint()));
            }
            checkFrozen(vote, log);
        }
    }

    /**
     * {@code /open} freezes the leaders and the roster: a vote that was opened runs only on
     * the definition whose fingerprint the audit log recorded then.
     */
    private static void checkFrozen(VoteDefinition vote, List<AuditEntry> log) {
        String now = "sha256=" + vote.fingerprint();
        for (AuditEntry e : log) {
            if (e.event().equals("opened") && !e.detail().equals(now)) {
                throw new DefinitionChanged("vote " + vote.id() + " was opened with definition " + e.detail()
                        + " but its file now gives " + now + ": leaders and roster are frozen at /open;"
                        + " restore the file as it was");
            }
        }
    }

    /** The definition of a vote changed after it was opened. */
    public static final class DefinitionChanged extends IllegalStateException {
        DefinitionChanged(String message) {
            super(message);
        }
    }

    /**
     * The command menu for a role, e.g. for Telegram's setMyCommands. Participants get
     * {@code menu(false, false, m)}.
     */
    public static List<MenuEntry> menu(boolean organiser, boolean supervisor, Messages m) {
        return StaffCommands.menu(organiser, supervisor, m);
    }

    public VoteRegistry votes() {
        return votes;
    }

    /**
     * Handles one update. When the store is unreachable the user is told to try again in a
     * moment, and the exception is rethrown for the adapter to log once: what would have been
     * said is dropped, because nothing was changed.
     */
    public List<Reply> handle(Inbound in) {
        try {
            return dispatch(in);
        } catch (StoreUnavailableException e) {
            throw new Unavailable(unavailable(in), e);
        }
    }

    /** The store failed; {@link #replies} tells the user to try again. */
    public static final class Unavailable extends RuntimeException {
        private final transient List<Reply> replies;

        Unavailable(List<Reply> replies, StoreUnavailableException cause) {
            super("store unavailable", cause);
            this.replies = List.copyOf(replies);
        }

        public List<Reply> replies() {
            return replies;
        }
    }

    private List<Reply> unavailable(Inbound in) {
        Messages m = messages(in.from(), votes.all().get(0));
        String text = m.get("store.unavailable");
        if (in instanceof Inbound.Press press) {
            return List.of(new Reply.Answer(in.from().key(), press.pressId(), text));
        }
        return List.of(new Reply.Send(in.from().key(), text, Keyboard.NONE));
    }

    private List<Reply> dispatch(Inbound in) {
        List<Reply> out = new ArrayList<>();
        languages.remember(in.from());
        rememberStaff(in.from());
        if (in instanceof Inbound.Start start) {
            onStart(start.from(), start.payload(), out);
        } else if (in instanceof Inbound.Command command) {
            staff.onCommand(command.from(), command.name().toLowerCase(Locale.ROOT), command.args(), out);
        } else if (in instanceof Inbound.Text text) {
            onText(text.from(), text.text(), out);
        } else if (in instanceof Inbound.ContactShared contact) {
            onContact(contact, out);
        } else if (in instanceof Inbound.Press press) {
            onPress(press, out);
        }
        return out;
    }

    /**
     * Closes every open vote whose deadline has passed, and finishes announcing any closed
     * vote whose announcement was interrupted (a crash or an outage during close); call it
     * every few seconds.
     */
    public List<Reply> tick() {
        List<Reply> out = new ArrayList<>();
        for (VoteDefinition vote : votes.all()) {
            VoteState state = store.state(vote.id());
            if (state == VoteState.OPEN && vote.deadline() != null && !clock.instant().isBefore(vote.deadline())) {
                staff.close(vote, "deadline", out);
            } else if (state == VoteState.CLOSED) {
                staff.announceIfNotYet(vote, out);
            }
        }
        return out;
    }

    private void rememberStaff(Account from) {
        for (VoteDefinition vote : votes.all()) {
            for (Person p : votes.staffEntries(vote, from)) {
                // Once per process and account, not on every press: an organiser who also votes
                // keeps one round trip per press. Remembered only after the store has it.
                String memo = vote.id() + ' ' + p.id();
                if (!from.key().equals(staffSeen.get(memo))) {
                    store.rememberStaff(vote.id(), p.id(), from.key());
                    staffSeen.put(memo, from.key());
                }
            }
        }
    }

    // ---- check-in ----

    private void onStart(Account from, String payload, List<Reply> out) {
        if (payload != null && !payload.isBlank()) {
            onCode(from, payload, out);
            return;
        }
        boolean known = false;
        for (VoteDefinition vote : votes.all()) {
            Optional<String> linked = store.personOf(vote.id(), from.key());
            if (linked.isPresent()) {
                welcomeBack(vote, linked.get(), from, out);
                known = true;
                continue;
            }
            Optional<Person> match = votes.rosterById(vote, from).or(() -> votes.rosterByUsername(vote, from));
            if (match.isPresent()) {
                checkIn(vote, match.get(), from, out);
                known = true;
            }
        }
        if (!known) {
            if (votes.all().stream().anyMatch(v -> votes.isStaff(v, from))) {
                staff.help(from, out);
            } else {
                askToIdentify(from, out);
            }
        }
    }

    private void askToIdentify(Account from, List<Reply> out) {
        Messages m = messages(from, votes.all().get(0));
        out.add(new Reply.Send(from.key(), m.get("checkin.identify"),
                new Keyboard.ContactRequest(m.get("checkin.button.contact"))));
    }

    private void onContact(Inbound.ContactShared contact, List<Reply> out) {
        Account from = contact.from();
        Messages m0 = messages(from, votes.all().get(0));
        if (!contact.ownContact()) {
            out.add(new Reply.Send(from.key(), m0.get("checkin.contact.notown"),
                    new Keyboard.ContactRequest(m0.get("checkin.button.contact"))));
            return;
        }
        boolean matched = false;
        for (VoteDefinition vote : votes.all()) {
            Optional<Person> p = votes.rosterByPhone(vote, contact.phone());
            if (p.isPresent()) {
                checkIn(vote, p.get(), from, out);
                matched = true;
            }
        }
        if (!matched) {
            out.add(new Reply.Send(from.key(), m0.get("checkin.notfound"), new Keyboard.RemoveReply()));
        }
    }

    private void onText(Account from, String text, List<Reply> out) {
        String code = Codes.normaliseInvite(text);
        if (code != null) {
            onCode(from, code, out);
            return;
        }
        VoteDefinition first = votes.all().get(0);
        boolean participant = votes.all().stream().anyMatch(v -> store.personOf(v.id(), from.key()).isPresent());
        boolean isStaff = votes.all().stream().anyMatch(v -> votes.isStaff(v, from));
        if (participant || isStaff) {
            out.add(new Reply.Send(from.key(), messages(from, first).get("text.usebuttons"), Keyboard.NONE));
        } else {
            askToIdentify(from, out);
        }
    }

    private void onCode(Account from, String typed, List<Reply> out) {
        Messages m = messages(from, votes.all().get(0));
        if (!throttle.allowed(from.key())) {
            out.add(new Reply.Send(from.key(), m.get("checkin.code.throttled", throttle.minutesLeft(from.key())),
                    Keyboard.NONE));
            return;
        }
        String code = Codes.normaliseInvite(typed);
        if (code != null) {
            for (VoteDefinition vote : votes.all()) {
                Optional<Person> invitee = store.invitee(vote.id(), code).flatMap(vote::participant);
                if (invitee.isPresent() && !InviteRule.mayClaim(invitee.get(), from)) {
                    // The vote file pins this entry to another account: the code changes nothing.
                    throttle.failed(from.key());
                    out.add(new Reply.Send(from.key(), messages(from, vote).get("checkin.code.pinned", vote.title()),
                            Keyboard.NONE));
                    staff.notifyOrganisers(vote, "checkin.code.pinned.organisers",
                            new Object[] {invitee.get().name(), describe(from), vote.title()}, out);
                    return;
                }
                Outcomes.CheckIn result = store.redeemInvite(vote.id(), code, from.key());
                if (result == Outcomes.CheckIn.UNKNOWN_CODE) {
                    continue;
                }
                throttle.succeeded(from.key());
                String personId = store.personOf(vote.id(), from.key()).orElse(null);
                Person person = personId == null ? null : vote.participant(personId).orElse(null);
                if (person == null) {
                    // The code was valid but this account is already someone else on this roster.
                    out.add(new Reply.Send(from.key(), messages(from, vote).get("checkin.account.taken", vote.title()),
                            Keyboard.NONE));
                } else {
                    afterCheckIn(vote, person, from, result, out);
                }
                return;
            }
        }
        throttle.failed(from.key());
        out.add(new Reply.Send(from.key(), m.get("checkin.code.unknown"), Keyboard.NONE));
    }

    private void checkIn(VoteDefinition vote, Person person, Account from, List<Reply> out) {
        afterCheckIn(vote, person, from, store.checkIn(vote.id(), person.id(), from.key()), out);
    }

    private void afterCheckIn(VoteDefinition vote, Person person, Account from, Outcomes.CheckIn result,
            List<Reply> out) {
        Messages m = messages(from, vote);
        switch (result) {
            case LINKED, ALREADY_LINKED -> welcome(vote, person.id(), person.name(), from, m, out);
            case ENTRY_TAKEN -> {
                out.add(new Reply.Send(from.key(), m.get("checkin.entry.taken", person.name(), vote.title()),
                        new Keyboard.RemoveReply()));
                // The account the vote file pins this entry to is the rightful one, not an intruder.
                staff.notifyOrganisers(vote, from.hasIdOf(person.contacts())
                                ? "checkin.conflict.pinned.organisers" : "checkin.conflict.organisers",
                        new Object[] {person.name(), describe(from), vote.title()}, out);
            }
            case ACCOUNT_TAKEN -> out.add(new Reply.Send(from.key(),
                    m.get("checkin.account.taken", vote.title()), new Keyboard.RemoveReply()));
            case UNKNOWN_CODE -> out.add(new Reply.Send(from.key(), m.get("checkin.code.unknown"), Keyboard.NONE));
        }
    }

    private void welcomeBack(VoteDefinition vote, String personId, Account from, List<Reply> out) {
        Messages m = messages(from, vote);
        String name = vote.participant(personId).map(Person::name).orElse("");
        welcome(vote, personId, name, from, m, out);
    }

    /**
     * "You are checked in for «title»", and the ballot if the vote is open. Before opening and
     * after closing, what happens next is said in the same message, so the title is said once.
     */
    private void welcome(VoteDefinition vote, String personId, String name, Account from, Messages m,
            List<Reply> out) {
        String welcome = m.get("checkin.welcome", name, vote.title(), vote.unit());
        VoteState state = store.state(vote.id());
        if (state == VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), welcome, new Keyboard.RemoveReply()));
            sendBallotIfOpen(vote, personId, from.key(), m, out);
            return;
        }
        String next = state == VoteState.DRAFT ? m.get("checkin.waiting") : m.get("checkin.finished");
        out.add(new Reply.Send(from.key(), welcome + "\n" + next, new Keyboard.RemoveReply()));
    }

    private static String describe(Account a) {
        StringBuilder b = new StringBuilder();
        if (a.displayName() != null) {
            b.append(a.displayName()).append(' ');
        }
        if (a.username() != null) {
            b.append('@').append(a.username()).append(' ');
        }
        return b.append('(').append(a.key()).append(')').toString();
    }

    /** Sends the participant their ballot as a new message, where it stands now. */
    void sendBallotIfOpen(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        VoteState state = store.state(vote.id());
        if (state == VoteState.DRAFT) {
            out.add(new Reply.Send(account, m.get("ballot.notyet", vote.title()), Keyboard.NONE));
        } else if (state == VoteState.CLOSED) {
            out.add(new Reply.Send(account, m.get("ballot.closed", vote.title()), Keyboard.NONE));
        } else {
            sendBallot(vote, personId, account, m, out);
        }
    }

    /** On an open vote: the ballot where it stands, or the receipt again if already submitted. */
    void sendBallot(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        Optional<String> receipt = store.receiptOf(vote.id(), personId);
        if (receipt.isPresent()) {
            // Voted already: show the receipt again, in case the confirmation never arrived.
            out.add(new Reply.Send(account, m.get("ballot.already", vote.title(), receipt.get()), Keyboard.NONE));
        } else {
            sendDraft(vote, personId, account, m, out);
        }
    }

    /** The participant's unsubmitted ballot as a new message, where it stands now; the older copy is retired. */
    void sendDraft(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        BallotView.Rendered r = BallotView.render(vote, store.draft(vote.id(), personId, vote.leaderCount()), m);
        ballots.send(vote, personId, account, r, m, out);
    }

    /**
     * The adapter's report that the platform accepted a message it was asked to send: the text
     * message to {@code account} with {@code keyboard} now has id {@code messageId}. A ballot
     * becomes the participant's one live copy; the replies retire the copy it replaces (deliver
     * them like any other). Call it for every message sent with an inline keyboard.
     */
    public List<Reply> delivered(String account, Keyboard keyboard, String messageId) {
        return ballots.delivered(account, keyboard, messageId);
    }

    /** At close: every participant's live ballot copy becomes a neutral line without buttons. */
    void closeBallotCopies(VoteDefinition vote, List<Reply> out) {
        ballots.closeAll(vote, out);
    }

    // ---- presses ----

    private void onPress(Inbound.Press press, List<Reply> out) {
        Account from = press.from();
        Optional<CallbackData.Parsed> parsed = CallbackData.parse(press.data());
        Optional<VoteDefinition> vote = parsed.flatMap(p -> votes.byId(p.voteId()));
        if (vote.isEmpty()) {
            out.add(new Reply.Answer(from.key(), press.pressId(),
                    messages(from, votes.all().get(0)).get("press.invalid")));
            return;
        }
        if (parsed.get() instanceof CallbackData.Ballot ballot) {
            onBallotPress(vote.get(), ballot.event(), press, out);
        } else if (parsed.get() instanceof CallbackData.ForceOpen) {
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            staff.open(vote.get(), from, true, out);
        } else if (parsed.get() instanceof CallbackData.Pick pick) {
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            staff.onCommand(from, pick.command(), List.of(pick.voteId()), out);
        }
    }

    private void onBallotPress(VoteDefinition vote, BallotEvent event, Inbound.Press press, List<Reply> out) {
        Account from = press.from();
        Messages m = messages(from, vote);
        Optional<String> person = store.personOf(vote.id(), from.key());
        if (person.isEmpty()) {
            out.add(new Reply.Answer(from.key(), press.pressId(), m.get("press.notparticipant")));
            return;
        }
        String pid = person.get();
        BallotCopies.Copy copy = ballots.check(vote, pid, press, m, out);
        if (copy == BallotCopies.Copy.STALE) {
            return;
        }
        BallotStep step = store.press(vote.id(), pid, vote.leaderCount(), event);
        if (step instanceof BallotStep.Moved moved) {
            if (copy == BallotCopies.Copy.UNRECORDED) {
                ballots.adopt(vote, pid, press.messageId());
            }
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            BallotView.Rendered r = BallotView.render(vote, moved.draft(), m);
            out.add(new Reply.Edit(from.key(), press.messageId(), r.text(), r.keyboard()));
        } else if (step instanceof BallotStep.Rejected rejected && rejected.reason() == BallotStep.Reason.ALREADY_VOTED
                && event instanceof BallotEvent.Submit) {
            // A repeated Submit (redelivered, double-tapped, or retried after a lost answer) must
            // show the receipt again: the voter may never have seen the first confirmation. The
            // submit script finds the ballot counted and returns its receipt, changing nothing.
            submit(vote, pid, press, m, out);
        } else if (step instanceof BallotStep.Rejected rejected) {
            out.add(new Reply.Answer(from.key(), press.pressId(), m.get(rejected.reason().messageKey())));
            deadCopy(vote, rejected.reason(), press, m, out);
        } else if (step instanceof BallotStep.ReadyToSubmit) {
            submit(vote, pid, press, m, out);
        }
    }

    /** A copy pressed after its participant submitted, or after close, becomes neutral and dead. */
    private static void deadCopy(VoteDefinition vote, BallotStep.Reason reason, Inbound.Press press, Messages m,
            List<Reply> out) {
        String key = switch (reason) {
            case ALREADY_VOTED -> "ballot.copy.voted";
            case CLOSED -> "ballot.closed";
            // The copy stays live: the participant may still press on it.
            case STALE, OUT_OF_RANGE, AT_FIRST, NOT_ON_SUMMARY, INCOMPLETE, NOT_OPEN -> null;
        };
        if (key != null && press.messageId() != null) {
            out.add(new Reply.Edit(press.from().key(), press.messageId(), m.get(key, vote.title()), Keyboard.NONE));
        }
    }

    private void submit(VoteDefinition vote, String pid, Inbound.Press press, Messages m, List<Reply> out) {
        String to = press.from().key();
        List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
        Outcomes.Submit result = store.submit(vote.id(), pid, leaderIds, codes.receipt());
        if (result instanceof Outcomes.Submit.Accepted || result instanceof Outcomes.Submit.AlreadyVoted) {
            ballots.submitted(vote, pid);
        }
        if (result instanceof Outcomes.Submit.Accepted accepted) {
            out.add(new Reply.Answer(to, press.pressId(), m.get("ballot.submitted")));
            confirm(vote, accepted.receipt(), press, m, out);
        } else if (result instanceof Outcomes.Submit.AlreadyVoted already) {
            out.add(new Reply.Answer(to, press.pressId(), m.get("ballot.rejected.already_voted")));
            confirm(vote, already.receipt(), press, m, out);
        } else if (result instanceof Outcomes.Submit.Incomplete) {
            out.add(new Reply.Answer(to, press.pressId(), m.get("ballot.rejected.incomplete")));
        } else if (result instanceof Outcomes.Submit.NotOpen notOpen) {
            out.add(new Reply.Answer(to, press.pressId(), m.get(notOpen.state() == VoteState.CLOSED
                    ? "ballot.rejected.closed" : "ballot.rejected.not_open")));
            if (notOpen.state() == VoteState.CLOSED) {
                out.add(new Reply.Edit(to, press.messageId(), m.get("ballot.lostrace", vote.title()), Keyboard.NONE));
            }
        }
    }

    private static void confirm(VoteDefinition vote, String receipt, Inbound.Press press, Messages m,
            List<Reply> out) {
        BallotView.Rendered r = BallotView.confirmation(vote, receipt, m);
        out.add(new Reply.Edit(press.from().key(), press.messageId(), r.text(), r.keyboard()));
    }

    static Messages messages(Account from, VoteDefinition vote) {
        return Messages.of(Messages.forUser(from.languageCode(), vote.language())).addressing(vote.address());
    }
}
