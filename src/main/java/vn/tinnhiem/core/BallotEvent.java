package vn.tinnhiem.core;

/**
 * What a participant can do on their ballot. Indexes name the leader the pressed message
 * showed, so a press on an out-of-date message is recognised and refused.
 */
public sealed interface BallotEvent {
    /** Rate leader {@code index} (a level, or BLANK to leave the row empty). */
    record Rate(int index, Choice choice) implements BallotEvent {
        public Rate {
            java.util.Objects.requireNonNull(choice, "choice");
        }
    }

    /** Go back from leader {@code index} (or from the summary, index = leader count). */
    record Back(int index) implements BallotEvent {}

    /** From the summary, go back to leader {@code index} to change it; later rows keep their choices. */
    record Change(int index) implements BallotEvent {}

    /** From the summary: hand the ballot in. Final. */
    record Submit() implements BallotEvent {}
}
