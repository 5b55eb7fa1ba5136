package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;

/**
 * Whom a broadcast reaches: account keys of a vote's organisers, supervisors and participants,
 * on the platforms running in this process. Who cannot be reached is named, never skipped
 * silently.
 */
final class Audience {
    private final VoteStore store;
    private final Platforms platforms;

    Audience(VoteStore store, Platforms platforms) {
        this.store = store;
        this.platforms = platforms;
    }

    Platforms platforms() {
        return platforms;
    }

    Set<String> organisers(VoteDefinition vote) {
        return staff(vote, vote.organisers());
    }

    Set<String> allStaff(VoteDefinition vote) {
        Set<String> all = new LinkedHashSet<>(organisers(vote));
        all.addAll(staff(vote, vote.supervisors()));
        return all;
    }

    /**
     * Staff are reachable at their configured id on every running platform, and at the account
     * they last wrote from (which covers staff configured by username only), if its platform runs.
     */
    private Set<String> staff(VoteDefinition vote, List<Person> people) {
        Map<String, String> seen = store.staffAccounts(vote.id());
        Set<String> keys = new LinkedHashSet<>();
        for (Person p : people) {
            keys.addAll(configuredKeys(p));
            String last = seen.get(p.id());
            if (last != null && platforms.reachable(last)) {
                keys.add(last);
            }
        }
        return keys;
    }

    private List<String> configuredKeys(Person p) {
        List<String> keys = new ArrayList<>();
        for (Platform platform : platforms.all()) {
            Account.keyFor(platform, p).ifPresent(keys::add);
        }
        return keys;
    }

    /**
     * Organisers and supervisors who would miss a broadcast: never written to the bot on a
     * running platform that needs that, or with no identity on any running platform.
     */
    List<String> unreachedStaff(VoteDefinition vote) {
        Map<String, String> seen = store.staffAccounts(vote.id());
        List<String> names = new ArrayList<>();
        for (Person p : concat(vote.organisers(), vote.supervisors())) {
            String last = seen.get(p.id());
            boolean wrote = last != null && platforms.reachable(last);
            boolean addressable = !configuredKeys(p).isEmpty();
            if (!wrote && (platforms.anyMustBeWrittenFirst() || !addressable) && !names.contains(p.name())) {
                names.add(p.name());
            }
        }
        return names;
    }

    private static List<Person> concat(List<Person> a, List<Person> b) {
        List<Person> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Checked-in participants, in roster order, split by whether their platform runs here. */
    Reach participants(VoteDefinition vote) {
        Map<String, String> links = store.checkedIn(vote.id());
        Map<String, String> reachable = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (Person p : vote.roster()) {
            String account = links.get(p.id());
            if (account == null) {
                continue;
            }
            if (platforms.reachable(account)) {
                reachable.put(p.id(), account);
            } else {
                unreachable.put(p.id(), p.name() + " (" + platforms.nameOf(account) + ")");
            }
        }
        return new Reach(reachable, unreachable);
    }

    /**
     * @param reachable   person id → account key, for those whose platform runs here
     * @param unreachable person id → "name (platform)" of the others: checked in on a platform not running
     */
    record Reach(Map<String, String> reachable, Map<String, String> unreachable) {
        int present() {
            return reachable.size() + unreachable.size();
        }
    }
}
