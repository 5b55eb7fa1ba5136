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

    /**
     * What a {@code /start} came to ({@code VoteStore#arrive}): one atomic step from the account
     * to everything the check-in reply needs, so a check-in costs one round trip before its
     * ballot is sent.
     */
    public sealed interface Arrival {
        /** The account is linked to no roster entry and none was given to link: nothing changed. */
        record Stranger() implements Arrival {}

        /** The link was refused ({@link CheckIn#ENTRY_TAKEN} or {@link CheckIn#ACCOUNT_TAKEN}). Nothing changed. */
        record Refused(CheckIn outcome) implements Arrival {}

        /**
         * A checked-in participant, and where the vote stands for them.
         *
         * @param personId     their roster entry
         * @param link         {@link CheckIn#LINKED} or {@link CheckIn#ALREADY_LINKED} when a link
         *                     was asked for; null when the account was found linked already
         * @param state        the vote's state
         * @param receipt      on an open vote, their receipt if they have voted; otherwise null
         * @param draft        on an open vote they have not voted in, their draft; otherwise null
         * @param replacedCopy when a fresh ballot copy was reserved ({@link BallotCopy#reserve}), the
         *                     record it replaced; otherwise null
         */
        record Welcome(String personId, CheckIn link, VoteState state, String receipt, Draft draft,
                String replacedCopy) implements Arrival {
            /** True when the participant is shown their ballot: the vote is open and they have not voted. */
            public boolean ballot() {
                return state == VoteState.OPEN && receipt == null;
            }
        }
    }

    /**
     * What the platform's report of a sent ballot copy came to ({@code VoteStore#recordBallotCopy}):
     * the copy is live now, or it arrived too late to be.
     */
    public sealed interface CopyReport {
        /** The account is linked to no roster entry of the vote. Nothing changed. */
        record NotParticipant() implements CopyReport {}

        /** The participant has voted since the copy was sent: it must become neutral. Nothing changed. */
        record Voted() implements CopyReport {}

        /** The vote is not open (closed since the copy was sent): it must become neutral. Nothing changed. */
        record NotOpen(VoteState state) implements CopyReport {}

        /** The copy is the live one now; {@code replaced} is the record it replaced, or null. */
        record Live(String replaced) implements CopyReport {}
    }
}
