package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.tinnhiem.core.Identity;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;

/** The votes this bot runs, and who is who in each. Several votes may run at once. */
public final class VoteRegistry {
    private final Map<String, VoteDefinition> votes = new LinkedHashMap<>();
    /**
     * Per vote, each identity on its roster (in {@link Identity#canonical()} form) to the first
     * roster entry that has it: a check-in in a roster of 10,000 is a lookup, not a scan.
     */
    private final Map<String, Map<Identity, Person>> byIdentity = new HashMap<>();

    public VoteRegistry(List<VoteDefinition> definitions) {
        for (VoteDefinition d : definitions) {
            if (votes.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("vote id defined twice: " + d.id());
            }
            Map<Identity, Person> index = new HashMap<>();
            for (Person p : d.roster()) {
                for (Identity i : p.matchable()) {
                    index.putIfAbsent(i.canonical(), p);
                }
            }
            byIdentity.put(d.id(), index);
        }
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("no vote definitions");
        }
    }

    public List<VoteDefinition> all() {
        return List.copyOf(votes.values());
    }

    public Optional<VoteDefinition> byId(String id) {
        return Optional.ofNullable(votes.get(id));
    }

    /** Staff who took their role with a staff code: vote id → staff person id → account (the store's). */
    private volatile java.util.function.Function<String, Map<String, String>> claimed = voteId -> Map.of();

    /** Where staff who took their role with a code are remembered (set by the flow: its store). */
    void claimedIn(java.util.function.Function<String, Map<String, String>> staffAccounts) {
        this.claimed = staffAccounts;
    }

    public boolean isOrganiser(VoteDefinition vote, Account account) {
        return vote.organisers().stream().anyMatch(p -> account.is(p)) || claimedBy(vote, vote.organisers(), account);
    }

    public boolean isSupervisor(VoteDefinition vote, Account account) {
        return vote.supervisors().stream().anyMatch(p -> account.is(p)) || claimedBy(vote, vote.supervisors(), account);
    }

    /**
     * Whether one of {@code people} took their role from this account with a staff code (no
     * identity in the vote file needed: nobody can look up their Zalo id). Read from the store
     * only for staff commands and strangers, never on a voter's press.
     */
    private boolean claimedBy(VoteDefinition vote, List<Person> people, Account account) {
        Map<String, String> accounts = claimed.apply(vote.id());
        return people.stream().anyMatch(p -> account.key().equals(accounts.get(p.id())));
    }

    public boolean isStaff(VoteDefinition vote, Account account) {
        return isOrganiser(vote, account) || isSupervisor(vote, account);
    }

    /** Organisers and supervisors this account is (staff are recognised by id or username; they do not check in). */
    public List<Person> staffEntries(VoteDefinition vote, Account account) {
        List<Person> out = new ArrayList<>();
        for (Person p : vote.organisers()) {
            if (account.is(p)) {
                out.add(p);
            }
        }
        for (Person p : vote.supervisors()) {
            if (account.is(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The roster entry this account is, by the identities it presents, strongest first (the
     * platform id, then the username): the first two rules of check-in.
     */
    public Optional<Person> rosterMatch(VoteDefinition vote, Account account) {
        for (Identity identity : account.identities()) {
            Person p = entry(vote, identity);
            if (p != null) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Entries of this vote (roster, organisers, supervisors) the account would pass for by a
     * username the vote file pins to another account's id: a takeover attempt. Scans the vote's
     * people, so it is asked only of an account the vote does not know otherwise.
     */
    public List<Person> impersonated(VoteDefinition vote, Account account) {
        List<Person> out = new ArrayList<>();
        for (List<Person> people : List.of(vote.roster(), vote.organisers(), vote.supervisors())) {
            for (Person p : people) {
                if (account.impersonates(p) && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Roster entries with this phone number that are pinned to an id (the number is not theirs to claim with). */
    public List<Person> pinnedByPhone(VoteDefinition vote, String phone) {
        Identity shared = Identity.phone(phone);
        if (shared == null) {
            return List.of();
        }
        return vote.roster().stream().filter(p -> p.lookalike(shared)).toList();
    }

    /** The roster entry with this phone number, if any (third rule of check-in). */
    public Optional<Person> rosterByPhone(VoteDefinition vote, String phone) {
        Identity shared = Identity.phone(phone);
        if (shared == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(entry(vote, shared));
    }

    private Person entry(VoteDefinition vote, Identity identity) {
        Map<Identity, Person> index = byIdentity.get(vote.id());
        if (index == null || votes.get(vote.id()) != vote) {
            // A definition this registry was not built with: look through its roster.
            return vote.roster().stream().filter(r -> r.recognisedBy(identity)).findFirst().orElse(null);
        }
        return index.get(identity.canonical());
    }
}
