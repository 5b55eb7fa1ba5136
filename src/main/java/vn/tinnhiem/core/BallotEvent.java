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

    /**
     * Go back from leader {@code index}: to the previous leader, or to the review when the
     * leader was opened from it. From the review ({@code index} = leader count): to the first
     * row not chosen yet, or the last leader when every row is.
     */
    record Back(int index) implements BallotEvent {}

    /** From the review, open leader {@code index} to change it; the choice returns to the review. */
    record Change(int index) implements BallotEvent {}

    /** From leader {@code index}'s screen, open the review at the page holding that row. */
    record Review(int index) implements BallotEvent {}

    /** On the review, show page {@code page} (0-based). */
    record Page(int page) implements BallotEvent {}

    /**
     * Every row at once, in ballot order (a text platform's whole ballot answered with one digit
     * per leader): from any screen to the review's first page. Nothing is counted before Submit.
     */
    record RateAll(java.util.List<Choice> choices) implements BallotEvent {
        public RateAll {
            choices = java.util.List.copyOf(choices); // no nulls: every row is chosen
        }
    }

    /**
     * From the review, with buttons: ask "hand the ballot in?" (the confirmation screen). Never
     * hands it in: a slow second tap on the review's «Gửi phiếu» lands on the confirmation
     * screen, whose «Xác nhận gửi phiếu» is elsewhere.
     */
    record Finish() implements BallotEvent {}

    /**
     * Hand the ballot in. Final. A button's Submit ({@code needsConfirmation}) counts only from the
     * confirmation screen ({@link Finish}); from the review it only opens that screen, so no
     * single tap sends a ballot. A typed word, on a platform without buttons, is itself
     * deliberate and counts from the review.
     */
    record Submit(boolean needsConfirmation) implements BallotEvent {
        /** A typed word's Submit: counts from the review. */
        public Submit() {
            this(false);
        }
    }
}
