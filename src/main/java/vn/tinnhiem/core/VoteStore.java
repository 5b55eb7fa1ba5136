package vn.tinnhiem.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where votes live: state, check-ins, drafts, counts, receipts and the audit log.
 *
 * <p>Secrecy contract (SPEC 4): <em>who has voted</em> is kept apart from <em>the counts</em>.
 * {@link #submit} atomically checks the vote is OPEN, the participant has not voted and
 * the draft is complete; increments the counts; marks the participant as voted; deletes
 * the draft. After that nothing stored pairs a participant with a choice. Drafts expire
 * after a TTL and are deleted at {@link #closeVote}.
 *
 * <p>Every method is safe to call from many threads at once, and every state change is
 * atomic: implementations pass {@code VoteStoreContract}.
 *
 * <p>Votes are addressed by id; the caller passes the definition's sizes where a method
 * needs them, so a store never has to hold the definition itself.
 */
public interface VoteStore extends AutoCloseable {

    /** How long an untouched draft is kept before it expires. */
    java.time.Duration DEFAULT_DRAFT_TTL = java.time.Duration.ofHours(48);

    // ---- the vote's life ----

    /** The vote's state; DRAFT for a vote the store has never seen. */
    VoteState state(String voteId);

    /**
     * DRAFT → OPEN, recording the definition's fingerprint in the audit log and keeping
     * {@code frozen} with the vote, in one step; every result is computed on that copy
     * ({@link #frozen}). A vote already open keeps the copy it was opened with.
     */
    Outcomes.Transition openVote(String voteId, FrozenDefinition frozen, java.time.Instant at);

    /** What {@link #openVote} froze of the vote's definition; empty before it was opened. */
    Optional<FrozenDefinition> frozen(String voteId);

    /**
     * OPEN → CLOSED: stops voting, deletes every draft, and appends {@code auditDetail}
     * (e.g. a digest of the results) to the audit log in the same atomic step. A store whose
     * structures keep insertion order (small Redis hashes) also rewrites who voted in an
     * order that says nothing of when they voted (SPEC 4: "not even by order").
     */
    Outcomes.Transition closeVote(String voteId, java.time.Instant at, String auditDetail);

    /**
     * Erases what the store keeps of <em>how</em> the counts were reached, once the vote is
     * closed and no submit can run any more. Call it after {@link #closeVote}; calling it again
     * is harmless.
     *
     * <p>Why: the live data keeps voters apart from counts, but a store's history may not. A
     * Redis append-only file records each submit's effects (the voter's receipt next to the
     * count increments, and every draft write before it) until the file is rewritten, and the
     * slow log may hold a slow press's arguments (person id and draft). SPEC 4: "after Submit
     * nothing in storage ... links a participant to a choice." An in-memory store keeps no
     * history: nothing to do.
     */
    void compactHistory(String voteId);

    // ---- check-in ----

    /** Links a chat account (e.g. "tg:12345") to a roster entry. One to one, first wins. */
    Outcomes.CheckIn checkIn(String voteId, String personId, String account);

    /**
     * A {@code /start}, from the account to the reply, in one atomic step (one round trip): the
     * roster entry {@code account} is linked to; else, given {@code personId} (the roster entry
     * the account matches), the link to it as {@link #checkIn} makes it; then, for a participant,
     * the vote's state and, on an open vote, their receipt if they have voted, else their draft.
     * With {@code freshCopy}, when the ballot is shown ({@link Outcomes.Arrival.Welcome#ballot}),
     * the record of ballot copies becomes {@link BallotCopy#reserve} of itself, as
     * {@link #swapBallotMessage} would make it, and the record it replaced is returned.
     *
     * <p>Why one step: a check-in used to ask each of these questions in a round trip of its own,
     * about a dozen for a late check-in; a hall checks in at once.
     *
     * @param personId  the roster entry to link if the account is linked to none; null: link none
     * @param leaders   the ballot's length, to read the draft
     * @param freshCopy the ballot goes out as a new message on a platform that edits ({@code BallotCopies})
     */
    Outcomes.Arrival arrive(String voteId, String account, String personId, int leaders, boolean freshCopy);

    /** The roster entry this account is linked to, if any. */
    Optional<String> personOf(String voteId, String account);

    /** The account linked to this roster entry, if any. */
    Optional<String> accountOf(String voteId, String personId);

    /** Roster entry id → account, for everyone checked in. */
    Map<String, String> checkedIn(String voteId);

    /**
     * Gives each participant a one-time invite code unless they already have one.
     * {@code proposed} maps person id to a freshly generated code; returns person id → code
     * for everyone who has an unused code now.
     */
    Map<String, String> issueInvites(String voteId, Map<String, String> proposed);

    /** The roster entry an unused invite code was issued for, if any; changes nothing. */
    Optional<String> invitee(String voteId, String code);

    /** Checks in with an invite code and burns it; UNKNOWN_CODE if unknown or used. */
    Outcomes.CheckIn redeemInvite(String voteId, String code, String account);

    /**
     * Remembers the account an organiser or supervisor wrote from, so announcements reach
     * staff configured by username only. Staff are not participants: this is not a check-in.
     */
    void rememberStaff(String voteId, String personId, String account);

    /**
     * An organiser or supervisor takes their role by typing their staff code (issued by
     * {@link #issueInvites} for their person id): burns the code and remembers the account as
     * theirs ({@link #staffAccounts}). False when the code is unknown or used, or was issued for
     * another person; then nothing changes.
     */
    boolean claimStaff(String voteId, String code, String personId, String account);

    /** Staff person id → the account they last wrote from. */
    Map<String, String> staffAccounts(String voteId);

    // ---- the ballot ----

    /** The participant's draft, or an empty one ({@link Draft#empty}) if none is stored. */
    Draft draft(String voteId, String personId, int leaders);

    /**
     * Applies one walk-through event to the stored draft atomically with the guards
     * (vote OPEN, participant not voted). One round trip in the steady state.
     * A {@link BallotStep.ReadyToSubmit} is returned as is: call {@link #submit} next.
     */
    BallotStep press(String voteId, String personId, int leaders, BallotEvent event);

    /**
     * Counts the participant's stored, complete draft for {@code leaderIds} (ballot order)
     * and issues {@code receipt}. See the class comment for the atomicity contract.
     */
    Outcomes.Submit submit(String voteId, String personId, List<String> leaderIds, String receipt);

    /**
     * A press on a ballot copy, from start to finish in one atomic step (one round trip in the
     * steady state): the roster entry {@code account} is linked to; the copy check (the
     * pressed message against the {@link BallotCopy} record); the guards (vote OPEN, not voted);
     * the event; and, for a Submit the ballot machine accepts, the submit itself with
     * {@code receipt}. In that order, so a press on a stale copy is refused as stale even after
     * close, and a Submit after voting finds the receipt.
     *
     * <p>Ballot copies: a copy no record names (its report was lost) becomes the live one at its
     * first press that moves the ballot; after a Submit that counted, or found the ballot
     * counted, no copy is live.
     *
     * @param messageId the pressed message, or null on a platform without message ids
     * @param receipt   the receipt to issue if this press counts the ballot (a Submit); may be null otherwise
     */
    Outcomes.Press pressBallot(String voteId, String account, String messageId, List<String> leaderIds,
            BallotEvent event, String receipt);

    boolean hasVoted(String voteId, String personId);

    /**
     * The receipt code issued to this participant at Submit, if they have voted, so a voter
     * whose confirmation was lost can see it again. A receipt carries no choice.
     */
    Optional<String> receiptOf(String voteId, String personId);

    /** Ids of the participants who have submitted (never with their choices). */
    Set<String> voters(String voteId);

    /** Counts per leader, in {@code leaderIds} order. Costs O(leaders), whatever the turnout. */
    Tally tally(String voteId, List<String> leaderIds);

    /** Receipt codes of all submitted ballots, sorted; without choices and without voters. */
    List<String> receipts(String voteId);

    // ---- ballot copies (which chat message shows a participant's ballot: never choices) ----

    /**
     * Records which chat message is the live copy of the participant's ballot (the message whose
     * buttons may still change the draft): a short record of message ids the chat flow writes
     * (see {@code BallotCopies}), never a choice; null removes it. Returns the record it
     * replaces, if any. Atomic, so of two adapters recording at once each learns exactly the
     * record it replaced. SPEC 4: "Only one ballot message per participant is live at a time."
     */
    Optional<String> swapBallotMessage(String voteId, String personId, String messageId);

    /**
     * The platform accepted message {@code messageId}, a ballot copy sent to {@code account}: in
     * one atomic step (one round trip), unless the participant has voted or the vote is not open
     * meanwhile, it becomes their live copy ({@link #swapBallotMessage}), and the record it
     * replaced is returned.
     */
    Outcomes.CopyReport recordBallotCopy(String voteId, String account, String messageId);

    /** The record of the participant's live ballot copy, if any. */
    Optional<String> ballotMessage(String voteId, String personId);

    /** Person id → record of the live ballot copy, for every participant with one. */
    Map<String, String> ballotMessages(String voteId);

    // ---- announcing the results, once ----

    /**
     * Claims announcing the results of a closed vote for {@code lease}: true if {@code holder}
     * holds the claim now (taken, or its own renewed), false if another holds it or the results
     * were announced already ({@link #recordAnnounced}). A holder that dies lets the claim lapse,
     * and whoever claims next finishes the work.
     */
    boolean claimAnnouncement(String voteId, String holder, java.time.Duration lease);

    /**
     * Appends {@code entry} (the "announced" line) to the audit log and marks the results
     * announced, in one step, unless they were announced already or another holder has the
     * claim; false then: the caller must not send its announcement.
     */
    boolean recordAnnounced(String voteId, String holder, AuditEntry entry);

    // ---- how safely writes are kept ----

    /**
     * Why writes are kept less safely than the deployment promises, if they are: on a Redis
     * Cluster, masters without a replica, whose writes are confirmed by the master alone instead
     * of waiting for a replica (they are still durable on its disk, but a failover cannot keep
     * them). Empty when all is as configured, and for stores without replicas by design.
     */
    default Optional<String> degradation() {
        return Optional.empty();
    }

    // ---- audit ----

    void audit(String voteId, AuditEntry entry);

    List<AuditEntry> auditLog(String voteId);

    @Override
    void close();
}
