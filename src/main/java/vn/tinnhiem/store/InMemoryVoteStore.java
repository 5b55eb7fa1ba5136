package vn.tinnhiem.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.BallotCopy;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotMachine;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.FrozenDefinition;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * An in-process store for the sandbox and tests. Same contract as Redis, one lock per vote;
 * everything is lost when the process stops, which is why the real bot refuses it unless
 * told otherwise.
 */
public final class InMemoryVoteStore implements VoteStore {

    /** All data of one vote, guarded by its own monitor. Counts and voters are apart. */
    private static final class Vote {
        VoteState state = VoteState.DRAFT;
        final Map<String, String> personToAccount = new HashMap<>();
        final Map<String, String> accountToPerson = new HashMap<>();
        final Map<String, String> inviteOfPerson = new HashMap<>();
        final Map<String, String> personOfInvite = new HashMap<>();
        final Map<String, Draft> drafts = new HashMap<>();
        final Map<String, Long> draftExpiry = new HashMap<>();
        final Map<String, String> voterReceipts = new HashMap<>();
        final Map<String, LeaderCounts> counts = new HashMap<>();
        final List<AuditEntry> audit = new ArrayList<>();
        final Map<String, String> staff = new HashMap<>();
        final Map<String, String> ballotMessages = new HashMap<>();
        String announcer;
        long announcerUntil;
        boolean announced;
        FrozenDefinition frozen;
    }

    private final Map<String, Vote> votes = new ConcurrentHashMap<>();
    private final long draftTtlMillis;

    public InMemoryVoteStore() {
        this(DEFAULT_DRAFT_TTL.toMillis());
    }

    public InMemoryVoteStore(long draftTtlMillis) {
        this.draftTtlMillis = draftTtlMillis;
    }

    private Vote vote(String voteId) {
        return votes.computeIfAbsent(voteId, id -> new Vote());
    }

    @Override
    public VoteState state(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return v.state;
        }
    }

    @Override
    public Outcomes.Transition openVote(String voteId, FrozenDefinition frozen, Instant at) {
        Vote v = vote(voteId);
        synchronized (v) {
            Outcomes.Transition t = transition(v, VoteState.DRAFT, VoteState.OPEN,
                    new AuditEntry(at, "opened", "sha256=" + frozen.fingerprint()));
            if (t == Outcomes.Transition.DONE) {
                v.frozen = frozen;
            }
            return t;
        }
    }

    @Override
    public Optional<FrozenDefinition> frozen(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.frozen);
        }
    }

    /**
     * Moves the vote from {@code from} to {@code to} and appends {@code entry}, as one step;
     * ALREADY when it is in {@code to} already, WRONG_STATE from anywhere else.
     */
    private static Outcomes.Transition transition(Vote v, VoteState from, VoteState to, AuditEntry entry) {
        synchronized (v) {
            if (v.state == to) {
                return Outcomes.Transition.ALREADY;
            }
            if (v.state != from) {
                return Outcomes.Transition.WRONG_STATE;
            }
            v.state = to;
            if (to == VoteState.CLOSED) {
                v.drafts.clear();
                v.draftExpiry.clear();
            }
            v.audit.add(entry);
            return Outcomes.Transition.DONE;
        }
    }

    /** Nothing to do: this store keeps no history besides the audit log. */
    @Override
    public void compactHistory(String voteId) {
        // Deleted drafts and counted ballots leave no trace in process memory to erase.
    }

    @Override
    public Outcomes.Transition closeVote(String voteId, Instant at, String auditDetail) {
        return transition(vote(voteId), VoteState.OPEN, VoteState.CLOSED, new AuditEntry(at, "closed", auditDetail));
    }

    @Override
    public Outcomes.CheckIn checkIn(String voteId, String personId, String account) {
        Vote v = vote(voteId);
        synchronized (v) {
            return link(v, personId, account);
        }
    }

    private static Outcomes.CheckIn link(Vote v, String personId, String account) {
        String linkedAccount = v.personToAccount.get(personId);
        if (linkedAccount != null) {
            return linkedAccount.equals(account) ? Outcomes.CheckIn.ALREADY_LINKED : Outcomes.CheckIn.ENTRY_TAKEN;
        }
        if (v.accountToPerson.containsKey(account)) {
            return Outcomes.CheckIn.ACCOUNT_TAKEN;
        }
        v.personToAccount.put(personId, account);
        v.accountToPerson.put(account, personId);
        return Outcomes.CheckIn.LINKED;
    }

    @Override
    public Outcomes.Arrival arrive(String voteId, String account, String personId, int leaders, boolean freshCopy) {
        Vote v = vote(voteId);
        synchronized (v) {
            String person = v.accountToPerson.get(account);
            Outcomes.CheckIn link = null;
            if (person == null) {
                if (personId == null) {
                    return new Outcomes.Arrival.Stranger();
                }
                link = link(v, personId, account);
                if (link != Outcomes.CheckIn.LINKED && link != Outcomes.CheckIn.ALREADY_LINKED) {
                    return new Outcomes.Arrival.Refused(link);
                }
                person = personId;
            }
            if (v.state != VoteState.OPEN) {
                return new Outcomes.Arrival.Welcome(person, link, v.state, null, null, null);
            }
            String receipt = v.voterReceipts.get(person);
            if (receipt != null) {
                return new Outcomes.Arrival.Welcome(person, link, v.state, receipt, null, null);
            }
            String replaced = null;
            if (freshCopy) {
                replaced = v.ballotMessages.put(person, BallotCopy.reserve(v.ballotMessages.get(person)));
            }
            return new Outcomes.Arrival.Welcome(person, link, v.state, null, liveDraft(v, person, leaders), replaced);
        }
    }

    @Override
    public Optional<String> personOf(String voteId, String account) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.accountToPerson.get(account));
        }
    }

    @Override
    public Optional<String> accountOf(String voteId, String personId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.personToAccount.get(personId));
        }
    }

    @Override
    public Map<String, String> checkedIn(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Map.copyOf(v.personToAccount);
        }
    }

    @Override
    public Map<String, String> issueInvites(String voteId, Map<String, String> proposed) {
        Vote v = vote(voteId);
        synchronized (v) {
            proposed.forEach((person, code) -> {
                if (!v.inviteOfPerson.containsKey(person) && !v.personOfInvite.containsKey(code)) {
                    v.inviteOfPerson.put(person, code);
                    v.personOfInvite.put(code, person);
                }
            });
            return Map.copyOf(v.inviteOfPerson);
        }
    }

    @Override
    public Optional<String> invitee(String voteId, String code) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.personOfInvite.get(code));
        }
    }

    @Override
    public Outcomes.CheckIn redeemInvite(String voteId, String code, String account) {
        Vote v = vote(voteId);
        synchronized (v) {
            String person = v.personOfInvite.get(code);
            if (person == null) {
                return Outcomes.CheckIn.UNKNOWN_CODE;
            }
            Outcomes.CheckIn result = link(v, person, account);
            if (result == Outcomes.CheckIn.LINKED) {
                v.personOfInvite.remove(code);
                v.inviteOfPerson.remove(person);
            }
            return result;
        }
    }

    @Override
    public void rememberStaff(String voteId, String personId, String account) {
        Vote v = vote(voteId);
        synchronized (v) {
            v.staff.put(personId, account);
        }
    }

    @Override
    public boolean claimStaff(String voteId, String code, String personId, String account) {
        Vote v = vote(voteId);
        synchronized (v) {
            if (!personId.equals(v.personOfInvite.get(code))) {
                return false;
            }
            v.personOfInvite.remove(code);
            v.inviteOfPerson.remove(personId);
            v.staff.put(personId, account);
            return true;
        }
    }

    @Override
    public Map<String, String> staffAccounts(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Map.copyOf(v.staff);
        }
    }

    @Override
    public Draft draft(String voteId, String personId, int leaders) {
        Vote v = vote(voteId);
        synchronized (v) {
            return liveDraft(v, personId, leaders);
        }
    }

    private Draft liveDraft(Vote v, String personId, int leaders) {
        Long expiry = v.draftExpiry.get(personId);
        if (expiry != null && expiry <= System.currentTimeMillis()) {
            v.drafts.remove(personId);
            v.draftExpiry.remove(personId);
        }
        Draft d = v.drafts.get(personId);
        return d != null && d.size() == leaders ? d : Draft.empty(leaders);
    }

    @Override
    public BallotStep press(String voteId, String personId, int leaders, BallotEvent event) {
        Vote v = vote(voteId);
        synchronized (v) {
            return pressLocked(v, personId, leaders, event);
        }
    }

    private BallotStep pressLocked(Vote v, String personId, int leaders, BallotEvent event) {
        Draft current = liveDraft(v, personId, leaders);
        if (v.state != VoteState.OPEN) {
            return new BallotStep.Rejected(v.state == VoteState.CLOSED
                    ? BallotStep.Reason.CLOSED : BallotStep.Reason.NOT_OPEN, current);
        }
        if (v.voterReceipts.containsKey(personId)) {
            return new BallotStep.Rejected(BallotStep.Reason.ALREADY_VOTED, current);
        }
        BallotStep step = BallotMachine.apply(current, event);
        if (step instanceof BallotStep.Moved moved && moved.draft().version() != current.version()) {
            v.drafts.put(personId, moved.draft());
            v.draftExpiry.put(personId, System.currentTimeMillis() + draftTtlMillis);
        }
        return step;
    }

    @Override
    public Outcomes.Submit submit(String voteId, String personId, List<String> leaderIds, String receipt) {
        Vote v = vote(voteId);
        synchronized (v) {
            return submitLocked(v, personId, leaderIds, receipt);
        }
    }

    private Outcomes.Submit submitLocked(Vote v, String personId, List<String> leaderIds, String receipt) {
        if (v.state != VoteState.OPEN) {
            return new Outcomes.Submit.NotOpen(v.state);
        }
        String existing = v.voterReceipts.get(personId);
        if (existing != null) {
            return new Outcomes.Submit.AlreadyVoted(existing);
        }
        Draft d = liveDraft(v, personId, leaderIds.size());
        if (!d.complete()) {
            return new Outcomes.Submit.Incomplete();
        }
        for (int i = 0; i < leaderIds.size(); i++) {
            Choice c = d.choice(i);
            v.counts.merge(leaderIds.get(i), LeaderCounts.ZERO.plus(c),
                    (a, b) -> a.plus(c));
        }
        v.voterReceipts.put(personId, receipt);
        v.drafts.remove(personId);
        v.draftExpiry.remove(personId);
        return new Outcomes.Submit.Accepted(receipt);
    }

    @Override
    public Outcomes.Press pressBallot(String voteId, String account, String messageId, List<String> leaderIds,
            BallotEvent event, String receipt) {
        Vote v = vote(voteId);
        synchronized (v) {
            String person = v.accountToPerson.get(account);
            if (person == null) {
                return new Outcomes.Press.NotParticipant();
            }
            BallotCopy.Check copy = BallotCopy.check(v.ballotMessages.get(person), messageId);
            if (copy == BallotCopy.Check.STALE) {
                return new Outcomes.Press.StaleCopy(person);
            }
            BallotStep step = pressLocked(v, person, leaderIds.size(), event);
            boolean submit = event instanceof BallotEvent.Submit;
            if (step instanceof BallotStep.ReadyToSubmit
                    || submit && step instanceof BallotStep.Rejected r && r.reason() == BallotStep.Reason.ALREADY_VOTED) {
                Outcomes.Submit outcome = submitLocked(v, person, leaderIds, receipt);
                if (outcome instanceof Outcomes.Submit.Accepted || outcome instanceof Outcomes.Submit.AlreadyVoted) {
                    v.ballotMessages.remove(person); // no copy stays live
                }
                return new Outcomes.Press.Submitted(person, outcome);
            }
            if (step instanceof BallotStep.Moved && copy == BallotCopy.Check.UNRECORDED) {
                v.ballotMessages.put(person, messageId);
            }
            return new Outcomes.Press.Stepped(person, step);
        }
    }

    @Override
    public Optional<String> receiptOf(String voteId, String personId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.voterReceipts.get(personId));
        }
    }

    @Override
    public boolean hasVoted(String voteId, String personId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return v.voterReceipts.containsKey(personId);
        }
    }

    @Override
    public Set<String> voters(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Set.copyOf(v.voterReceipts.keySet());
        }
    }

    @Override
    public Tally tally(String voteId, List<String> leaderIds) {
        Vote v = vote(voteId);
        synchronized (v) {
            List<LeaderCounts> counts = new ArrayList<>();
            for (String id : leaderIds) {
                counts.add(v.counts.getOrDefault(id, LeaderCounts.ZERO));
            }
            return new Tally(v.personToAccount.size(), v.voterReceipts.size(), counts);
        }
    }

    @Override
    public List<String> receipts(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return List.copyOf(new TreeSet<>(v.voterReceipts.values()));
        }
    }

    @Override
    public Optional<String> swapBallotMessage(String voteId, String personId, String messageId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(messageId == null ? v.ballotMessages.remove(personId)
                    : v.ballotMessages.put(personId, messageId));
        }
    }

    @Override
    public Outcomes.CopyReport recordBallotCopy(String voteId, String account, String messageId) {
        Vote v = vote(voteId);
        synchronized (v) {
            String person = v.accountToPerson.get(account);
            if (person == null) {
                return new Outcomes.CopyReport.NotParticipant();
            }
            if (v.voterReceipts.containsKey(person)) {
                return new Outcomes.CopyReport.Voted();
            }
            if (v.state != VoteState.OPEN) {
                return new Outcomes.CopyReport.NotOpen(v.state);
            }
            return new Outcomes.CopyReport.Live(v.ballotMessages.put(person, messageId));
        }
    }

    @Override
    public Optional<String> ballotMessage(String voteId, String personId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Optional.ofNullable(v.ballotMessages.get(personId));
        }
    }

    @Override
    public Map<String, String> ballotMessages(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return Map.copyOf(v.ballotMessages);
        }
    }

    @Override
    public boolean claimAnnouncement(String voteId, String holder, java.time.Duration lease) {
        Vote v = vote(voteId);
        synchronized (v) {
            long now = System.nanoTime();
            if (v.announced || v.announcer != null && now - v.announcerUntil < 0 && !v.announcer.equals(holder)) {
                return false;
            }
            v.announcer = holder;
            v.announcerUntil = now + lease.toNanos();
            return true;
        }
    }

    @Override
    public boolean recordAnnounced(String voteId, String holder, AuditEntry entry) {
        Vote v = vote(voteId);
        synchronized (v) {
            if (v.announced || v.announcer != null && System.nanoTime() - v.announcerUntil < 0
                    && !v.announcer.equals(holder)) {
                return false;
            }
            v.announced = true;
            v.announcer = null;
            v.audit.add(entry);
            return true;
        }
    }

    @Override
    public void audit(String voteId, AuditEntry entry) {
        Vote v = vote(voteId);
        synchronized (v) {
            v.audit.add(entry);
        }
    }

    @Override
    public List<AuditEntry> auditLog(String voteId) {
        Vote v = vote(voteId);
        synchronized (v) {
            return List.copyOf(v.audit);
        }
    }

    /** Test hook: how many drafts exist right now, over all votes. */
    public int draftCount() {
        int n = 0;
        for (Vote v : votes.values()) {
            synchronized (v) {
                n += v.drafts.size();
            }
        }
        return n;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
