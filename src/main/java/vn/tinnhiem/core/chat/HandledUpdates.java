package vn.tinnhiem.core.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Updates handled lately, by a key the platform gives (Zalo: the account and its message id),
 * so an update delivered again is not handled twice: in this process ({@link #inMemory}), or
 * shared by every replica (in Redis, {@code store.RedisHandledUpdates}), since a redelivery
 * may reach another replica.
 */
public interface HandledUpdates {

    boolean handled(String key);

    /** Called once the update has been handled. */
    void remember(String key);

    /** The last {@code capacity} keys, in this process. */
    static HandledUpdates inMemory(int capacity) {
        Map<String, Boolean> lately = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        return new HandledUpdates() {
            @Override
            public boolean handled(String key) {
                synchronized (lately) {
                    return lately.containsKey(key);
                }
            }

            @Override
            public void remember(String key) {
                synchronized (lately) {
                    lately.put(key, Boolean.TRUE);
                }
            }
        };
    }
}
