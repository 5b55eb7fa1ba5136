package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.FrozenDefinition;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * The conversation, platform-neutral: a router over small handlers. Adapters turn updates into
 * {@link Inbound}s, call {@link #handle}, and deliver the {@link Reply}s in order (the press
 * answer first). Each {@link Inbound} goes to exactly one handler, which returns replies and
 * never calls another handler:
 * <ul>
 *   <li>{@link CheckIn}: /start, a shared phone number, an invite code, other text;</li>
 *   <li>{@link BallotInput}: ballot presses, and typed answers on platforms without buttons;</li>
 *   <li>{@link StaffCommands}: the commands, and the staff's own buttons.</li>
 * </ul>
 * What they share is given to them: {@link BallotDelivery} (a ballot shaped for the
 * participant's platform), {@link Announcer} (close and announce once), {@link Audience}
 * (who is reachable on the platforms running here), {@link Help}.
 *
 * <p>Every handler is idempotent per update: a repeated update changes nothing twice (a
 * repeated press is a no-op in the ballot machine, a repeated submit finds the ballot
 * already counted and shows the same receipt, a repeated /open or /close finds the state
 * already changed).
 *
 * <p>Nothing is dropped: every reply goes to an account on a platform running here (the
 * adapters route by the account's platform). A participant checked in on a platform that is
 * not running is named to the organisers instead, and left out of the audit's count.
 */
public final class ChatFlow {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final Clock clock;
    private final Audience audience;
    private final Platforms platforms;
    private final UserLanguages languages;
    private final CheckIn checkIn;
    private final BallotInput ballots;
    private final StaffCommands staff;
    private final Announcer announcer;
    private final BallotCopies copies;
    /**
     * Staff accounts this process wrote to the store lately: "voteId person" → (account, when).
     * Trusted for {@link UserLanguages#REWRITE} only: another replica may have written another
     * account of the same person since.
     */
    private final Map<String, StaffSeen> staffSeen = new ConcurrentHashMap<>();

    private record StaffSeen(String account, java.time.Instant at) {}

    /** What adapters add to /status ({@link #addStatusNotes}). */
    private final List<StatusNotes> statusNotes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ChatFlow(VoteRegistry votes, VoteStore store, Codes codes, Clock clock, List<Platform> platforms) {
        this(votes, store, codes, clock, platforms, ResultFiles.NONE);
    }

    /**
     * @param platforms the platforms whose adapters run in this process, as they describe themselves
     * @param files     the results as files for organisers and supervisors, after the announcement
     *                  at close and with {@code /results} after close
     */
    public ChatFlow(VoteRegistry votes, VoteStore store, Codes codes, Clock clock, List<Platform> platforms,
            ResultFiles files) {
        this(votes, store, codes, clock, platforms, files, FlowMemory.inMemory(clock));
    }

    /**
     * @param memory where wrong invite codes and languages are kept: {@link FlowMemory#inMemory}
     *               for one process, in Redis when the bot runs as replicas
     */
    public ChatFlow(VoteRegistry votes, VoteStore store, Codes codes, Clock clock, List<Platform> platforms,
            ResultFiles files, FlowMemory memory) {
        this.votes = votes;
        votes.claimedIn(store::staffAccounts);
        this.languages = new UserLanguages(memory.languages(), clock);
        this.store = store;
        this.clock = clock;
        this.platforms = new Platforms(platforms);
        Audience audience = new Audience(store, this.platforms);
        this.audience = audience;
        this.copies = new BallotCopies(votes, store, languages::messagesFor);
        BallotDelivery delivery = new BallotDelivery(store, this.platforms, copies);
        Help help = new Help(votes);
        this.announcer = new Announcer(store, clock, audience, copies, languages,
                Objects.requireNonNull(files, "files"));
        Takeovers takeovers = new Takeovers(store, clock, audience, languages);
        this.checkIn = new CheckIn(votes, store, new GuessThrottle(memory.guesses(), 5, Duration.ofMinutes(15)), delivery,
                audience, languages, help, takeovers);
        BallotActivity activity = new BallotActivity(clock);
        this.ballots = new BallotInput(votes, store, codes, delivery, activity);
        this.staff = new StaffCommands(votes, store, clock, audience, delivery, announcer, help, languages, files,
                statusNotes, takeovers, activity);
        for (VoteDefinition vote : votes.all()) {
            List<AuditEntry> log = store.auditLog(vote.id());
            if (log.isEmpty()) {
                store.audit(vote.id(), new AuditEntry(clock.instant(), "created", "sha256=" + vote.fingerprint()));
            }
            checkFrozen(vote, log, store.frozen(vote.id()));
        }
    }

    /**
     * {@code /open} freezes the leaders and the roster: a vote that was opened runs only on
     * the definition whose fingerprint the audit log recorded then. A file changed since is
     * refused with what changed, read from the copy {@code /open} kept ({@link FrozenDefinition}).
     */
    private static void checkFrozen(VoteDefinition vote, List<AuditEntry> log, Optional<FrozenDefinition> frozen) {
        String now = "sha256=" + vote.fingerprint();
        for (AuditEntry e : log) {
            if (e.event().equals("opened") && !e.detail().equals(now)) {
                String what = frozen.map(f -> String.join("; ", f.differences(vote))).filter(s -> !s.isEmpty())
                        .map(s -> ": " + s).orElse("");
                throw new DefinitionChanged("vote " + vote.id() + ": the file changed since /open" + what
                        + " (opened with definition " + e.detail() + ", the file now gives " + now
                        + "); leaders and roster are frozen at /open: restore the file as it was");
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
        Messages m = UserLanguages.of(in.from(), votes.all().get(0));
        String text = m.get("store.unavailable");
        if (in instanceof Inbound.Press press) {
            return List.of(new Reply.Answer(in.from().key(), press.pressId(), text));
        }
        return List.of(new Reply.Send(in.from().key(), text, Keyboard.NONE));
    }

    /** The router: each kind of update to one handler. */
    private List<Reply> dispatch(Inbound in) {
        if (!platforms.reachable(in.from().key())) {
            throw new IllegalArgumentException("an update from a platform this flow was not given: "
                    + platforms.nameOf(in.from().key()));
        }
        List<Reply> out = new ArrayList<>();
        languages.remember(in.from());
        rememberStaff(in.from());
        if (in instanceof Inbound.Start start) {
            checkIn.start(start.from(), start.payload(), out);
        } else if (in instanceof Inbound.Command command) {
            staff.onCommand(command.from(), command.name().toLowerCase(Locale.ROOT), command.args(), out);
        } else if (in instanceof Inbound.Text text) {
            text(text.from(), text.text(), out);
        } else if (in instanceof Inbound.ContactShared contact) {
            checkIn.contact(contact, out);
        } else if (in instanceof Inbound.Press press) {
            press(press, out);
        } else if (in instanceof Inbound.NotText) {
            // One line, no ballot again: on Zalo every message the bot sends counts.
            out.add(new Reply.Send(in.from().key(), UserLanguages.of(in.from(), votes.all().get(0)).get("text.only"),
                    Keyboard.NONE));
        } else {
            throw new IllegalArgumentException("unhandled update " + in.getClass());
        }
        return routed(out);
    }

    /**
     * Typed text: on a platform without buttons, an answer to the ballot in progress (first, so
     * that a word such as "confidence" is never taken for an invite code); otherwise an invite
     * code, or anything else.
     */
    private void text(Account from, String text, List<Reply> out) {
        if (!from.can().buttons()) {
            Optional<BallotInput.Target> target = ballots.inProgress(from);
            if (target.isPresent()) {
                ballots.typed(target.get(), from, text, out);
                return;
            }
        }
        if (Codes.normaliseInvite(text) != null) {
            checkIn.code(from, text, out);
            return;
        }
        checkIn.otherText(from, out);
    }

    /**
     * An adapter gave up messages to {@code accounts} because the platform refused to send any
     * more (its monthly quota used up): the organisers of each vote, on whatever platform they
     * use, are told which participants the bot could not reach, and why.
     */
    public List<Reply> quotaExceeded(java.util.Collection<String> accounts) {
        List<Reply> out = new ArrayList<>();
        for (VoteDefinition vote : votes.all()) {
            List<String> names = new ArrayList<>();
            for (String account : accounts) {
                store.personOf(vote.id(), account).flatMap(vote::participant).ifPresent(p -> names.add(p.name()));
            }
            if (!names.isEmpty()) {
                announcer.tellOrganisers(vote, "undelivered.quota", names, out);
            }
        }
        return routed(out);
    }

    /** Lines an adapter adds to every /status (say, a platform's quota). */
    public void addStatusNotes(StatusNotes notes) {
        statusNotes.add(Objects.requireNonNull(notes, "notes"));
    }

    private void press(Inbound.Press press, List<Reply> out) {
        Account from = press.from();
        Optional<CallbackData.Parsed> parsed = CallbackData.parse(press.data());
        Optional<VoteDefinition> vote = parsed.flatMap(p -> votes.byId(p.voteId()));
        if (vote.isEmpty()) {
            out.add(new Reply.Answer(from.key(), press.pressId(),
                    UserLanguages.of(from, votes.all().get(0)).get("press.invalid")));
            return;
        }
        CallbackData.Parsed p = parsed.get();
        if (p instanceof CallbackData.Ballot ballot) {
            ballots.press(vote.get(), ballot.event(), press, out);
        } else if (p instanceof CallbackData.ForceOpen) {
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            staff.open(vote.get(), from, true, out);
        } else if (p instanceof CallbackData.ForceClose) {
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            staff.close(vote.get(), from, true, out);
        } else if (p instanceof CallbackData.Pick pick) {
            out.add(new Reply.Answer(from.key(), press.pressId(), ""));
            staff.onCommand(from, pick.command(), List.of(pick.voteId()), out);
        } else {
            throw new IllegalArgumentException("unhandled press " + p.getClass());
        }
    }

    /**
     * Every reply must go to a platform running here: the handlers only address reachable
     * accounts (see {@link Audience}), so anything else is our bug and must not pass silently.
     */
    private List<Reply> routed(List<Reply> out) {
        for (Reply r : out) {
            if (!platforms.reachable(r.to())) {
                throw new IllegalStateException("a reply for " + platforms.nameOf(r.to())
                        + ", which is not running here");
            }
        }
        return out;
    }

    /**
     * The adapter's report that the platform accepted a message it was asked to send: the text
     * message to {@code account} with {@code keyboard} now has id {@code messageId}. A ballot
     * becomes the participant's one live copy; the replies retire the copy it replaces (deliver
     * them like any other). Call it for every message sent with an inline keyboard.
     */
    public List<Reply> delivered(String account, Keyboard keyboard, String messageId) {
        return routed(copies.delivered(account, keyboard, messageId));
    }

    /**
     * Closes every open vote whose deadline has passed, and finishes announcing any closed
     * vote whose announcement was interrupted (a crash or an outage during close); call it
     * every few seconds.
     */
    public List<Reply> tick() {
        List<Reply> out = new ArrayList<>();
        alertIfDegradationChanged(out);
        for (VoteDefinition vote : votes.all()) {
            VoteState state = store.state(vote.id());
            if (state == VoteState.OPEN && vote.deadline() != null && !clock.instant().isBefore(vote.deadline())) {
                announcer.close(vote, "deadline", out);
            } else if (state == VoteState.CLOSED) {
                announcer.announceIfNotYet(vote, out);
            }
        }
        return routed(out);
    }

    /** The store's last degradation this process told the organisers of; empty: none. */
    private Optional<String> degradationTold = Optional.empty();

    /**
     * Tells the organisers of every open vote when the store starts keeping writes less safely
     * (a cluster master without a replica: ballots are still taken, on the master alone) and
     * when it is back to normal. Once per change, per process.
     */
    private void alertIfDegradationChanged(List<Reply> out) {
        Optional<String> now;
        try {
            now = store.degradation();
        } catch (RuntimeException e) {
            return; // an outage is reported where it hurts: by the presses it refuses
        }
        if (now.equals(degradationTold)) {
            return;
        }
        String key = now.isPresent() ? "replication.degraded" : "replication.restored";
        for (VoteDefinition vote : votes.all()) {
            if (store.state(vote.id()) != VoteState.OPEN) {
                continue;
            }
            for (String to : audience.organisers(vote)) {
                out.add(new Reply.Send(to, languages.messagesFor(to, vote).get(key, vote.title()), Keyboard.NONE));
            }
        }
        degradationTold = now;
    }

    private void rememberStaff(Account from) {
        for (VoteDefinition vote : votes.all()) {
            for (Person p : votes.staffEntries(vote, from)) {
                // Not on every press: an organiser who also votes keeps one round trip per press.
                // Written again after a while, as another replica may have written another of
                // the person's accounts since. Remembered only after the store has it.
                String memo = vote.id() + ' ' + p.id();
                StaffSeen seen = staffSeen.get(memo);
                java.time.Instant now = clock.instant();
                if (seen == null || !seen.account().equals(from.key())
                        || !now.isBefore(seen.at().plus(UserLanguages.REWRITE))) {
                    store.rememberStaff(vote.id(), p.id(), from.key());
                    staffSeen.put(memo, new StaffSeen(from.key(), now));
                }
            }
        }
    }
}
