package vn.tinnhiem.core;

/** Results of the store's state-changing operations, as values rather than exceptions. */
public final class Outcomes {
    private Outcomes() {}

    /** Result of linking a chat account to a roster entry. */
    public enum CheckIn {
        /** Newly linked. */
        LINKED,
        /** This account was already linked to this entry: nothing changed. */
        ALREADY_LINKED,
        /** The entry is linked to a different account: refused (organisers are told). */
        ENTRY_TAKEN,
        /** This account is already linked to a different entry: refused. */
        ACCOUNT_TAKEN,
        /** An invite code that is unknown or already used. */
        UNKNOWN_CODE
    }

    /** Result of a state change of the vote itself (open, close). */
    public enum Transition {
        DONE,
        ALREADY,
        WRONG_STATE
    }

    /** Result of Submit. */
    public sealed interface Submit {
        /** Counted; {@code receipt} is the voter's random receipt code. */
        record Accepted(String receipt) implements Submit {}

        /** This participant had already submitted; nothing counted again. */
        record AlreadyVoted(String receipt) implements Submit {}

        /** Refused: the stored draft is missing a row. Nothing changed. */
        record Incomplete() implements Submit {}

        /** Refused: the vote is not open (never opened, or closed first). Nothing changed. */
        record NotOpen(VoteState state) implements Submit {}
    }

    /**
     * What a press on a ballot copy came to ({@code VoteStore#pressBallot}): one atomic step
     * from the account to the stored ballot.
     */
    public sealed interface Press {
        /** The account is linked to no roster entry of the vote. Nothing changed. */
        record NotParticipant() implements Press {}

        /** The pressed message is not the participant's live ballot copy. Nothing changed. */
        record StaleCopy(String personId) implements Press {}

        /** The event moved the ballot or was refused ({@link BallotStep.Moved} or {@link BallotStep.Rejected}). */
        record Stepped(String personId, BallotStep step) implements Press {}

        /** A Submit: the ballot was counted, or had been already, or could not be. */
        record Submitted(String personId, Submit outcome) implements Press {}
    }
}
