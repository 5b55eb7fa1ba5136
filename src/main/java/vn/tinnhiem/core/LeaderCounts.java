package vn.tinnhiem.core;

/** The marks one leader received on the returned ballots. */
public record LeaderCounts(int high, int medium, int low, int blank) {
    public static final LeaderCounts ZERO = new LeaderCounts(0, 0, 0, 0);

    public LeaderCounts {
        if (high < 0 || medium < 0 || low < 0 || blank < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public int valid() {
        return high + medium + low;
    }

    public int count(Choice choice) {
        return switch (choice) {
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
            case BLANK -> blank;
        };
    }

    public LeaderCounts plus(Choice choice) {
        return new LeaderCounts(
                high + (choice == Choice.HIGH ? 1 : 0),
                medium + (choice == Choice.MEDIUM ? 1 : 0),
                low + (choice == Choice.LOW ? 1 : 0),
                blank + (choice == Choice.BLANK ? 1 : 0));
    }
}
