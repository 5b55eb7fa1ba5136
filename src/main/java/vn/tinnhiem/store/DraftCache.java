package vn.tinnhiem.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.Draft;

/**
 * The last draft {@link RedisVoteStore} saw for each participant (keyed by the chat account or
 * the roster id the press named them by), so a press needs no read before its compare-and-set.
 * Only a hint, never a decision: the ballot script checks the version for a write and for a
 * refusal alike, and a mismatch brings back the stored draft.
 *
 * <p>An entry lapses when the draft it copies would have expired in Redis. The number of
 * entries per vote is bounded; past the bound the vote's entries are dropped wholesale,
 * which only costs the next press of each participant one extra read.
 */
final class DraftCache {
    /** More than the drafts a vote has in flight at once: entries leave at submit. */
    static final int MAX_ENTRIES_PER_VOTE = 20_000;

    private record Entry(Draft draft, long expiresAtMillis) {}

    private final Map<String, Map<String, Entry>> votes = new ConcurrentHashMap<>();

    /** The cached draft, or null if there is none, it has lapsed or it has another size. */
    Draft get(String voteId, String personId, int leaders) {
        Map<String, Entry> vote = votes.get(voteId);
        Entry e = vote == null ? null : vote.get(personId);
        if (e == null) {
            return null;
        }
        if (e.expiresAtMillis() <= System.currentTimeMillis() || e.draft().size() != leaders) {
            vote.remove(personId, e);
            return null;
        }
        return e.draft();
    }

    /**
     * Remembers {@code draft} until {@code expiresAtMillis}, which the caller takes no later
     * than Redis starts the key's TTL, so the cache never outlives Redis.
     */
    void put(String voteId, String personId, Draft draft, long expiresAtMillis) {
        Map<String, Entry> vote = votes.computeIfAbsent(voteId, id -> new ConcurrentHashMap<>());
        if (vote.size() >= MAX_ENTRIES_PER_VOTE) {
            vote.clear();
        }
        vote.put(personId, new Entry(draft, expiresAtMillis));
    }

    void forget(String voteId, String personId) {
        Map<String, Entry> vote = votes.get(voteId);
        if (vote != null) {
            vote.remove(personId);
        }
    }

    void forgetVote(String voteId) {
        votes.remove(voteId);
    }
}
