package vn.tinnhiem.ops;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Inbound;

/**
 * One update from the moment an adapter starts handling it: what kind it was, which vote it
 * was for, how it ended, how long it took, and when its answer and its new screen reached the
 * platform. An adapter opens it around its handling ({@link Telemetry#received}); while it is
 * open it is the thread's {@linkplain #current() current} span, which is how the store (see
 * {@link ObservedStore}) reports what the update did and how the outboxes tie the messages they
 * are given to it, without either knowing the other.
 *
 * <p>What it keeps is what the per-update log line and the metrics may show: the platform, the
 * vote id (only one of the configured votes), the kind of update and the ballot action (rate,
 * back, …), and an outcome from a fixed vocabulary. Never the choice, the callback data, the
 * text typed, the person or the chat.
 */
public final class UpdateSpan implements AutoCloseable {
    private static final ThreadLocal<UpdateSpan> CURRENT = new ThreadLocal<>();

    /** What an open span reports to when it ends; see {@link Observability}. */
    interface Sink {
        void handled(UpdateSpan span, long nanos);

        void answered(UpdateSpan span, long nanos);

        void shown(UpdateSpan span, long nanos);
    }

    private final Sink sink;
    private final Set<String> votes;
    private final long started = System.nanoTime();
    private final String platform;
    private final String actor;
    private final String kind;
    private final String action;
    private volatile String vote;
    private volatile String outcome;
    private volatile boolean storeUnavailable;
    private volatile boolean submitted;
    private boolean completed;
    private final AtomicInteger screensPending = new AtomicInteger();
    private final AtomicBoolean screenFailed = new AtomicBoolean();
    private final AtomicBoolean answerTimed = new AtomicBoolean();
    private final boolean open;

    UpdateSpan(Sink sink, Set<String> votes, Inbound in) {
        this.sink = sink;
        this.votes = votes;
        this.platform = in.from().platform().name().toLowerCase(Locale.ROOT);
        this.actor = in.from().key();
        this.kind = kind(in);
        Optional<CallbackData.Parsed> parsed = in instanceof Inbound.Press p ? CallbackData.parse(p.data())
                : Optional.empty();
        this.action = in instanceof Inbound.Press ? parsed.map(UpdateSpan::action).orElse("invalid") : "-";
        parsed.map(CallbackData.Parsed::voteId).ifPresent(this::vote);
        if (in instanceof Inbound.Command c && !c.args().isEmpty()) {
            vote(c.args().get(0));
        }
        this.open = CURRENT.get() == null;
        if (open) {
            CURRENT.set(this);
        }
    }

    /** A span that records nothing, for adapters run without telemetry. */
    static UpdateSpan none(Inbound in) {
        return new UpdateSpan(null, Set.of(), in);
    }

    /** The span of the update this thread is handling, or null. */
    public static UpdateSpan current() {
        return CURRENT.get();
    }

    private static String kind(Inbound in) {
        if (in instanceof Inbound.Press) {
            return "press";
        }
        if (in instanceof Inbound.Text) {
            return "text";
        }
        if (in instanceof Inbound.Command) {
            return "command";
        }
        if (in instanceof Inbound.Start) {
            return "start";
        }
        if (in instanceof Inbound.NotText) {
            return "not_text";
        }
        if (in instanceof Inbound.ContactShared) {
            return "contact";
        }
        return "other";
    }

    /** The kind of button, never its leader or choice. */
    private static String action(CallbackData.Parsed p) {
        if (p instanceof CallbackData.Ballot b) {
            BallotEvent e = b.event();
            return e instanceof BallotEvent.Rate ? "rate" : e instanceof BallotEvent.RateAll ? "rate_all"
                    : e instanceof BallotEvent.Back ? "back"
                    : e instanceof BallotEvent.Change ? "change" : e instanceof BallotEvent.Submit ? "submit"
                    : e instanceof BallotEvent.Finish ? "finish" : "ballot";
        }
        return p instanceof CallbackData.ForceOpen ? "force_open" : p instanceof CallbackData.ForceClose ? "force_close"
                : p instanceof CallbackData.Pick ? "pick" : "other";
    }

    /** Keeps {@code id} as the vote only if it is one of the configured votes (never free text). */
    void vote(String id) {
        if (vote == null && id != null && votes.contains(id)) {
            vote = id;
        }
    }

    // ---- what the store saw (ObservedStore) ----

    void pressed(String voteId, BallotStep step) {
        vote(voteId);
        if (step instanceof BallotStep.Moved) {
            outcome = "accepted";
        } else if (step instanceof BallotStep.Rejected r) {
            outcome = "refused_" + r.reason().name().toLowerCase(Locale.ROOT);
        }
        // ReadyToSubmit: the submit that follows says how it ended.
    }

    void submitted(String voteId, Outcomes.Submit result) {
        vote(voteId);
        if (result instanceof Outcomes.Submit.Accepted) {
            outcome = "submitted";
            submitted = true;
        } else if (result instanceof Outcomes.Submit.AlreadyVoted) {
            outcome = "already_voted";
        } else if (result instanceof Outcomes.Submit.Incomplete) {
            outcome = "refused_incomplete";
        } else if (result instanceof Outcomes.Submit.NotOpen n) {
            outcome = n.state() == VoteState.CLOSED ? "refused_closed" : "refused_not_open";
        }
    }

    void checkedIn(String voteId, Outcomes.CheckIn result) {
        vote(voteId);
        outcome = switch (result) {
            case LINKED -> "checked_in";
            case ALREADY_LINKED -> "already_checked_in";
            case ENTRY_TAKEN -> "refused_entry_taken";
            case ACCOUNT_TAKEN -> "refused_account_taken";
            case UNKNOWN_CODE -> "refused_unknown_code";
        };
    }

    void transition(String voteId, Outcomes.Transition result) {
        vote(voteId);
        outcome = switch (result) {
            case DONE -> "done";
            case ALREADY -> "already";
            case WRONG_STATE -> "refused_wrong_state";
        };
    }

    void storeUnavailable() {
        storeUnavailable = true;
    }

    // ---- the adapter ----

    /** The adapter finished handling the update normally (its replies are queued). */
    public void handled() {
        completed = true;
    }

    /** Ends the span: one log line and the metrics; the thread has no current span any more. */
    @Override
    public void close() {
        if (open) {
            CURRENT.remove();
        }
        if (sink != null) {
            sink.handled(this, System.nanoTime() - started);
        }
    }

    // ---- the outboxes ----

    /** Whether {@code account} is the chat of the person whose update this is. */
    public boolean isActor(String account) {
        return actor.equals(account);
    }

    /** {@code n} more messages to the actor's chat show the update's effect (the new screen). */
    public void expectScreen(int n) {
        screensPending.addAndGet(n);
    }

    /**
     * One of the expected messages reached the platform ({@code ok}) or was given up. When the
     * last one has gone, and all of them got there, the screen latency is recorded.
     */
    public void screenSent(boolean ok) {
        if (!ok) {
            screenFailed.set(true);
        }
        if (screensPending.decrementAndGet() == 0 && !screenFailed.get() && sink != null) {
            sink.shown(this, System.nanoTime() - started);
        }
    }

    /** The press's answer reached the platform (the first time only). */
    public void answered() {
        if (answerTimed.compareAndSet(false, true) && sink != null) {
            sink.answered(this, System.nanoTime() - started);
        }
    }

    // ---- read by the sink ----

    String platform() {
        return platform;
    }

    String kind() {
        return kind;
    }

    String action() {
        return action;
    }

    String voteId() {
        return vote == null ? "-" : vote;
    }

    /** The store counted a ballot during this update (a later failure does not undo that). */
    boolean ballotCounted() {
        return submitted;
    }

    String outcome() {
        if (storeUnavailable) {
            return "store_unavailable";
        }
        if (!completed) {
            return "failed";
        }
        return outcome == null ? "handled" : outcome;
    }
}
