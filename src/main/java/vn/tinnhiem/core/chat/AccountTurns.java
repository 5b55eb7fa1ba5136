package vn.tinnhiem.core.chat;

import java.util.function.Supplier;

/**
 * Per-account ordering: an account's updates are handled one at a time, each after the one
 * before it is done, while different accounts run in parallel. {@link #inProcess} for one
 * process (long polling, or a single webhook process); replicas take turns through Redis
 * ({@code store.RedisAccountTurns}), since two updates of one account may reach two replicas
 * at once.
 */
public interface AccountTurns {

    /**
     * Runs {@code work} as {@code account}'s turn and returns what it returns; or returns null
     * without running it when a later update of the account was handled already (the fencing
     * check: this one is a delivery that waited somewhere while the platform, having had no
     * answer in time, delivered it again and went on; it was handled then).
     *
     * @param sequence the platform's number of the update (Telegram's update_id, which grows
     *                 with each update), or -1 if it has none
     * @throws Busy if the turn did not come in reasonable time (the update should come again)
     */
    <T> T inTurn(String account, long sequence, Supplier<T> work);

    /** The account's turn did not come in time: another update of it is still being handled. */
    final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    /** Striped locks in this process. */
    static AccountTurns inProcess() {
        Object[] locks = new Object[64];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        return new AccountTurns() {
            @Override
            public <T> T inTurn(String account, long sequence, Supplier<T> work) {
                synchronized (locks[Math.floorMod(account.hashCode(), locks.length)]) {
                    return work.get();
                }
            }
        };
    }
}
