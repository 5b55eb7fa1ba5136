package vn.tinnhiem.core.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;

/** Whom a broadcast reaches: account keys of a vote's organisers, supervisors and participants. */
final class Audience {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final List<Platform> platforms;

    Audience(VoteRegistry votes, VoteStore store, List<Platform> platforms) {
        this.votes = votes;
        this.store = store;
        this.platforms = List.copyOf(platforms);
    }

    Set<String> organisers(VoteDefinition vote) {
        return staff(vote, vote.organisers());
    }

    Set<String> supervisors(VoteDefinition vote) {
        return staff(vote, vote.supervisors());
    }

    Set<String> allStaff(VoteDefinition vote) {
        Set<String> all = new LinkedHashSet<>(organisers(vote));
        all.addAll(supervisors(vote));
        return all;
    }

    /**
     * Staff are reachable at their configured platform id on every platform the bot runs, and
     * at the account they last wrote from (which covers staff configured by username only).
     */
    private Set<String> staff(VoteDefinition vote, List<Person> people) {
        Map<String, String> seen = store.staffAccounts(vote.id());
        Set<String> keys = new LinkedHashSet<>();
        for (Person p : people) {
            for (Platform platform : platforms) {
                String key = Account.keyFor(platform, p.contacts());
                if (key != null) {
                    keys.add(key);
                }
            }
            String last = seen.get(p.id());
            if (last != null) {
                keys.add(last);
            }
        }
        return keys;
    }

    /** Checked-in participants: person id → account key, in roster order. */
    Map<String, String> participants(VoteDefinition vote) {
        Map<String, String> links = store.checkedIn(vote.id());
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        for (Person p : vote.roster()) {
            String account = links.get(p.id());
            if (account != null) {
                ordered.put(p.id(), account);
            }
        }
        return ordered;
    }

    /** Whether some platform the bot runs on will not let it write to staff who never wrote to it. */
    boolean staffMustWriteFirst() {
        return platforms.stream().anyMatch(p -> !p.botMayWriteFirst());
    }

    VoteRegistry votes() {
        return votes;
    }
}
