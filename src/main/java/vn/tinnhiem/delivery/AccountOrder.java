package vn.tinnhiem.delivery;

import java.util.function.Supplier;

/**
 * The inbound counterpart of the outbox's per-chat lanes: each account's updates are handled
 * one at a time, different accounts' updates in parallel. The Telegram and Zalo update
 * handlers run every update through one; the webhook's request threads and the poller's
 * workers then never handle two updates of one person at once (two taps of one voter, a tap
 * and its redelivery).
 *
 * <p>{@link #local()} orders within one process. Replicas behind a load balancer need an
 * order they share (issue 9): another implementation of this interface, given to the
 * handlers instead.
 */
public interface AccountOrder {

    /** Runs {@code work} while no other work of {@code account} runs through this order, and returns its result. */
    <T> T exclusive(String account, Supplier<T> work);

    /** Within this process: a monitor per stripe of accounts (two accounts may share one, which only costs them parallelism). */
    static AccountOrder local() {
        return new Striped(64);
    }

    /** Striped monitors. */
    final class Striped implements AccountOrder {
        private final Object[] locks;

        Striped(int stripes) {
            locks = new Object[stripes];
            for (int i = 0; i < stripes; i++) {
                locks[i] = new Object();
            }
        }

        @Override
        public <T> T exclusive(String account, Supplier<T> work) {
            synchronized (locks[Math.floorMod(account.hashCode(), locks.length)]) {
                return work.get();
            }
        }
    }
}
