package vn.tinnhiem.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.InviteRule;

/**
 * What {@code invites} and {@code slips} share: the invite codes of one vote, issued in the
 * store for the roster entries that need one ({@link InviteRule#needsCode}) and have not
 * checked in yet, or for the entries an organiser asks for by id, which the audit log
 * records. Nothing once the vote is closed.
 */
final class Invitations {
    private Invitations() {}

    /** A roster entry and its unused code, or a null code when it has checked in (or used it). */
    record Invite(Person person, String code) {}

    /** Thrown with a one-line message an operator can act on; nothing was issued. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The ids of {@code --person p01,p02} (commas or spaces between), or null without the flag. */
    static List<String> ids(String flag) {
        if (flag == null) {
            return null;
        }
        return java.util.Arrays.stream(flag.split("[,;\\s]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /**
     * Staff codes: one per organiser and supervisor (or those asked for), with which they take
     * their role from any chat account by typing it; a code already used comes back null.
     */
    static List<Invite> issueStaff(VoteStore store, VoteDefinition vote, List<String> personIds, Codes codes)
            throws Refused {
        List<Person> staff = java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> personIds == null || personIds.contains(p.id())).toList();
        if (personIds != null) {
            List<String> unknown = personIds.stream()
                    .filter(id -> staff.stream().noneMatch(p -> p.id().equals(id))).toList();
            if (!unknown.isEmpty()) {
                throw new Refused("no organiser or supervisor with id " + String.join(", ", unknown)
                        + " in " + vote.id());
            }
            String pinned = pinnedRefusal(staff);
            if (pinned != null) {
                throw new Refused(pinned);
            }
        }
        if (staff.isEmpty()) {
            throw new Refused("no organiser or supervisor in " + vote.id());
        }
        if (store.state(vote.id()) == VoteState.CLOSED) {
            throw new Refused("vote " + vote.id() + " is closed: no staff codes after close");
        }
        // A role already taken by an account gets no new code unless asked for by id: whoever
        // typed it would take the role (and its alerts and result files) from that account.
        Map<String, String> taken = store.staffAccounts(vote.id());
        Map<String, String> proposed = new LinkedHashMap<>();
        for (Person p : staff) {
            if (personIds == null && (taken.containsKey(p.id()) || p.pinned())) {
                continue;
            }
            proposed.put(p.id(), codes.invite());
        }
        Map<String, String> issued = store.issueInvites(vote.id(), proposed);
        for (Person p : staff) {
            if (personIds != null && taken.containsKey(p.id()) && issued.containsKey(p.id())) {
                store.audit(vote.id(), new AuditEntry(java.time.Instant.now(), "invite",
                        p.id() + " staff code asked for by id, though the role is taken by an account already"));
            }
        }
        List<Invite> out = new ArrayList<>();
        for (Person p : staff) {
            out.add(new Invite(p, issued.get(p.id())));
        }
        return out;
    }

    /**
     * Why a code cannot be issued for those of {@code people} that the vote file pins to a
     * platform id ("p01, p02 are pinned to a Telegram id …; p10 is pinned to a Zalo id …"), or
     * null if none is: a code would let another account claim them.
     */
    private static String pinnedRefusal(List<Person> people) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("telegramId", "zaloId")) {
            List<String> ids = people.stream().filter(Person::pinned)
                    .filter(p -> p.matchable().stream().map(RosterFields::field).findFirst().orElseThrow().equals(field))
                    .map(Person::id).toList();
            if (!ids.isEmpty()) {
                parts.add(String.join(", ", ids) + (ids.size() == 1 ? " is" : " are") + " pinned to a "
                        + (field.equals("zaloId") ? "Zalo" : "Telegram") + " id in the vote file; a code cannot"
                        + " claim " + (ids.size() == 1 ? "it" : "them") + " (correct the " + field + " instead)");
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * @param personIds an organiser's request for these entries, or null for everyone who needs a code
     * @return the entries in roster order, each with its unused code
     * @throws Refused naming every id that is unknown or pinned to a Telegram id; nothing issued
     */
    static List<Invite> issue(VoteStore store, VoteDefinition vote, List<String> personIds, Codes codes, Clock clock)
            throws Refused {
        if (store.state(vote.id()) == VoteState.CLOSED) {
            throw new Refused("vote " + vote.id() + " is closed: no invite codes after close");
        }
        // An entry already checked in gets no code: whoever used it would be refused, and told why.
        Map<String, String> checkedIn = store.checkedIn(vote.id());
        List<Person> entries;
        if (personIds == null) {
            entries = vote.roster().stream().filter(InviteRule::needsCode)
                    .filter(p -> !checkedIn.containsKey(p.id())).toList();
        } else {
            List<String> problems = new ArrayList<>();
            List<String> unknown = personIds.stream().filter(id -> vote.participant(id).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                problems.add("no participant with id " + String.join(", ", unknown) + " in " + vote.id());
            }
            String pinned = pinnedRefusal(personIds.stream().flatMap(id -> vote.participant(id).stream()).toList());
            if (pinned != null) {
                problems.add(pinned);
            }
            if (!problems.isEmpty()) {
                throw new Refused(String.join("; ", problems));
            }
            // In roster order, as without --person.
            entries = vote.roster().stream().filter(p -> personIds.contains(p.id())).toList();
        }
        Map<String, String> proposed = new LinkedHashMap<>();
        for (Person p : entries) {
            proposed.put(p.id(), codes.invite());
        }
        Map<String, String> issued = store.issueInvites(vote.id(), proposed);
        if (personIds != null) {
            for (Person p : entries) {
                if (issued.containsKey(p.id())) {
                    String detail = p.id() + " asked for by id"
                            + (InviteRule.needsCode(p) ? "" : ", though the vote file recognises it otherwise")
                            + (checkedIn.containsKey(p.id()) ? ", though it is checked in already" : "");
                    store.audit(vote.id(), new AuditEntry(clock.instant(), "invite", detail));
                }
            }
        }
        List<Invite> out = new ArrayList<>();
        for (Person p : entries) {
            out.add(new Invite(p, issued.get(p.id())));
        }
        return out;
    }
}
