package vn.tinnhiem.telegram;

/**
 * Where the poller keeps the next update id to ask Telegram for. Telegram forgets an update
 * once getUpdates is called with a higher offset, so the offset is saved only after the update
 * has been processed: a crash in between means the update comes again, and processing it again
 * changes nothing (the flow is idempotent per update).
 */
public interface UpdateOffsets {
    /** The next update id to process; 0 when none was ever saved (Telegram then starts at the oldest). */
    long load();

    /** Records that every update below {@code next} has been processed. */
    void save(long next);

    /** For tests and {@code --in-memory}: lives as long as the process. */
    final class InMemory implements UpdateOffsets {
        private volatile long next;

        @Override
        public long load() {
            return next;
        }

        @Override
        public void save(long next) {
            this.next = next;
        }
    }
}
