package vn.tinnhiem.core;

/** The outcome of applying a {@link BallotEvent} to a {@link Draft}. */
public sealed interface BallotStep {
    /** The event was accepted; {@code draft} is the new state (possibly unchanged for a repeat). */
    record Moved(Draft draft) implements BallotStep {}

    /** The summary was confirmed and the draft is complete: the caller must submit it. */
    record ReadyToSubmit(Draft draft) implements BallotStep {}

    /** The event was refused; the state is exactly as it was. */
    record Rejected(Reason reason, Draft draft) implements BallotStep {}

    /** Why an event was refused. Each maps to a message-bundle key. */
    enum Reason {
        /** The message pressed shows another leader than the ballot is on now. */
        STALE,
        /** The index is not a leader (or a review page) of this ballot. */
        OUT_OF_RANGE,
        /** Back on the first leader. */
        AT_FIRST,
        /** Change, Page or Submit away from the review (the summary). */
        NOT_ON_SUMMARY,
        /** Submit with a row not yet chosen. */
        INCOMPLETE,
        /** The participant has already submitted. */
        ALREADY_VOTED,
        /** The vote is not open (not yet, or closed). */
        NOT_OPEN,
        /** The vote has closed. */
        CLOSED;

        public String messageKey() {
            return "ballot.rejected." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
