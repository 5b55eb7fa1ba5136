package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.tinnhiem.core.Contacts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;

/** The votes this bot runs, and who is who in each. Several votes may run at once. */
public final class VoteRegistry {
    private final Map<String, VoteDefinition> votes = new LinkedHashMap<>();

    public VoteRegistry(List<VoteDefinition> definitions) {
        for (VoteDefinition d : definitions) {
            if (votes.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("vote id defined twice: " + d.id());
            }
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

    public boolean isOrganiser(VoteDefinition vote, Account account) {
        return vote.organisers().stream().anyMatch(p -> recognises(p.contacts(), account));
    }

    public boolean isSupervisor(VoteDefinition vote, Account account) {
        return vote.supervisors().stream().anyMatch(p -> recognises(p.contacts(), account));
    }

    public boolean isStaff(VoteDefinition vote, Account account) {
        return isOrganiser(vote, account) || isSupervisor(vote, account);
    }

    /** Organisers and supervisors this account is. */
    public List<Person> staffEntries(VoteDefinition vote, Account account) {
        List<Person> out = new ArrayList<>();
        for (Person p : vote.organisers()) {
            if (recognises(p.contacts(), account)) {
                out.add(p);
            }
        }
        for (Person p : vote.supervisors()) {
            if (recognises(p.contacts(), account)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Staff are recognised by platform id or username; they do not check in. */
    private static boolean recognises(Contacts contacts, Account account) {
        return account.hasIdOf(contacts) || account.hasUsernameOf(contacts);
    }

    /** The roster entry whose platform id is this account's, if any (first rule of check-in). */
    public Optional<Person> rosterById(VoteDefinition vote, Account account) {
        return vote.roster().stream().filter(p -> account.hasIdOf(p.contacts())).findFirst();
    }

    /** The roster entry with this account's username, if any (second rule of check-in). */
    public Optional<Person> rosterByUsername(VoteDefinition vote, Account account) {
        return vote.roster().stream().filter(p -> account.hasUsernameOf(p.contacts())).findFirst();
    }

    /** The roster entry with this phone number, if any (third rule of check-in). */
    public Optional<Person> rosterByPhone(VoteDefinition vote, String phone) {
        String normalised = Contacts.normalisePhone(phone);
        if (normalised == null) {
            return Optional.empty();
        }
        return vote.roster().stream().filter(p -> normalised.equals(Contacts.normalisePhone(p.contacts().phone()))).findFirst();
    }
}
