package vn.tinnhiem.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * checked in yet, or for the one entry an organiser asks for by id, which the audit log
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

    /**
     * @param personId an organiser's request for this one entry, or null for everyone who needs a code
     * @return the entries in roster order, each with its unused code
     */
    static List<Invite> issue(VoteStore store, VoteDefinition vote, String personId, Codes codes, Clock clock)
            throws Refused {
        if (store.state(vote.id()) == VoteState.CLOSED) {
            throw new Refused("vote " + vote.id() + " is closed: no invite codes after close");
        }
        // An entry already checked in gets no code: whoever used it would be refused, and told why.
        Map<String, String> checkedIn = store.checkedIn(vote.id());
        List<Person> entries;
        if (personId == null) {
            entries = vote.roster().stream().filter(InviteRule::needsCode)
                    .filter(p -> !checkedIn.containsKey(p.id())).toList();
        } else {
            Optional<Person> asked = vote.participant(personId);
            if (asked.isEmpty()) {
                throw new Refused("no participant with id " + personId + " in " + vote.id());
            }
            if (asked.get().pinned()) {
                String field = asked.get().matchable().stream().map(RosterFields::field).findFirst().orElseThrow();
                throw new Refused(personId + " is pinned to a " + (field.equals("zaloId") ? "Zalo" : "Telegram")
                        + " id in the vote file; a code cannot claim it (correct the " + field + " instead)");
            }
            entries = List.of(asked.get());
        }
        Map<String, String> proposed = new LinkedHashMap<>();
        for (Person p : entries) {
            proposed.put(p.id(), codes.invite());
        }
        Map<String, String> issued = store.issueInvites(vote.id(), proposed);
        if (personId != null && issued.containsKey(personId)) {
            String detail = personId + " asked for by id"
                    + (InviteRule.needsCode(entries.get(0)) ? "" : ", though the vote file recognises it otherwise")
                    + (checkedIn.containsKey(personId) ? ", though it is checked in already" : "");
            store.audit(vote.id(), new AuditEntry(clock.instant(), "invite", detail));
        }
        List<Invite> out = new ArrayList<>();
        for (Person p : entries) {
            out.add(new Invite(p, issued.get(p.id())));
        }
        return out;
    }
}
