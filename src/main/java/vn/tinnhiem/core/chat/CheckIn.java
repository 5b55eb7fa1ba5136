package vn.tinnhiem.core.chat;

import java.util.List;
import java.util.Optional;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * Check-in: {@code /start}, a shared phone number, a typed or deep-linked invite code. A
 * participant is matched to the roster by the identities their account presents (platform
 * id, then username), then by their own shared phone number, then by a one-time invite code.
 * One roster entry links to one account; a second one is refused and the organisers told.
 */
final class CheckIn {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final GuessThrottle throttle;
    private final BallotDelivery ballots;
    private final Audience audience;
    private final UserLanguages languages;
    private final Help help;
    private final Takeovers takeovers;

    CheckIn(VoteRegistry votes, VoteStore store, GuessThrottle throttle, BallotDelivery ballots, Audience audience,
            UserLanguages languages, Help help, Takeovers takeovers) {
        this.takeovers = takeovers;
        this.votes = votes;
        this.store = store;
        this.throttle = throttle;
        this.ballots = ballots;
        this.audience = audience;
        this.languages = languages;
        this.help = help;
    }

    void start(Account from, String payload, List<Reply> out) {
        if (payload != null && !payload.isBlank()) {
            code(from, payload, out);
            return;
        }
        boolean known = false;
        for (VoteDefinition vote : votes.all()) {
            // Linked already (welcome back), or linked now to the roster entry the account matches:
            // one step in the store, with all the reply needs (it was a round trip per question).
            Optional<Person> match = votes.rosterMatch(vote, from);
            Outcomes.Arrival arrival = store.arrive(vote.id(), from.key(), match.map(Person::id).orElse(null),
                    vote.leaderCount(), ballots.freshCopies(from.key()));
            if (arrival instanceof Outcomes.Arrival.Welcome welcome) {
                welcome(vote, welcome, from, UserLanguages.of(from, vote), out);
                known = true;
            } else if (arrival instanceof Outcomes.Arrival.Refused refused) {
                afterCheckIn(vote, match.orElseThrow(), from, refused.outcome(), out);
                known = true;
            } else if (match.isEmpty() && refuseTakeover(vote, votes.impersonated(vote, from), from, out)) {
                known = true;
            }
        }
        if (!known) {
            if (votes.all().stream().anyMatch(v -> votes.isStaff(v, from))) {
                help.help(from, out);
            } else {
                askToIdentify(from, out);
            }
        }
    }

    /**
     * Someone the bot does not know yet: share a phone number (where the platform can) or type
     * the invite code. Zalo shares no phone number with a bot, so there it is the code only.
     */
    void askToIdentify(Account from, List<Reply> out) {
        Messages m = UserLanguages.of(from, votes.all().get(0));
        if (from.can().sharesContact()) {
            out.add(new Reply.Send(from.key(), m.get("checkin.identify"),
                    new Keyboard.ContactRequest(m.get("checkin.button.contact"))));
        } else {
            out.add(new Reply.Send(from.key(), m.get("checkin.identify.code"), Keyboard.NONE));
        }
    }

    void contact(Inbound.ContactShared contact, List<Reply> out) {
        Account from = contact.from();
        Messages m0 = UserLanguages.of(from, votes.all().get(0));
        if (!contact.ownContact()) {
            out.add(new Reply.Send(from.key(), m0.get("checkin.contact.notown"),
                    new Keyboard.ContactRequest(m0.get("checkin.button.contact"))));
            return;
        }
        boolean matched = false;
        for (VoteDefinition vote : votes.all()) {
            Optional<Person> p = votes.rosterByPhone(vote, contact.phone());
            if (p.isPresent()) {
                checkIn(vote, p.get(), from, out);
                matched = true;
            } else if (store.personOf(vote.id(), from.key()).isEmpty()
                    && refuseTakeover(vote, votes.pinnedByPhone(vote, contact.phone()), from, out)) {
                matched = true;
            }
        }
        if (!matched) {
            out.add(new Reply.Send(from.key(), m0.get("checkin.notfound"), new Keyboard.RemoveReply()));
        }
    }

    /** Text that is not an invite code nor a ballot answer. */
    void otherText(Account from, List<Reply> out) {
        VoteDefinition first = votes.all().get(0);
        boolean participant = false;
        for (VoteDefinition vote : votes.all()) {
            Optional<String> person = store.personOf(vote.id(), from.key());
            if (person.isPresent()) {
                participant = true;
                if (!from.can().buttons()) {
                    // No buttons to point at: say where the vote stands and what to type.
                    ballots.ifOpen(vote, person.get(), from.key(), UserLanguages.of(from, vote), out);
                }
            }
        }
        boolean isStaff = votes.all().stream().anyMatch(v -> votes.isStaff(v, from));
        if (participant && from.can().buttons()) {
            out.add(whereItStands(from));
        } else if (!participant && isStaff) {
            help.help(from, out);
        } else if (!participant) {
            askToIdentify(from, out);
        }
    }

    /**
     * Free text from a participant on a platform with buttons: what to do in the state they are
     * in (wait for the ballot, use its buttons, nothing more after sending or after close).
     */
    private Reply whereItStands(Account from) {
        for (VoteDefinition vote : votes.all()) {
            Optional<String> person = store.personOf(vote.id(), from.key());
            if (person.isEmpty()) {
                continue;
            }
            Messages m = UserLanguages.of(from, vote);
            VoteState state = store.state(vote.id());
            String text = state == VoteState.DRAFT ? m.get("text.notyet", vote.title())
                    : state == VoteState.CLOSED ? m.get("text.closed", vote.title())
                    : store.receiptOf(vote.id(), person.get()).isPresent() ? m.get("text.voted", vote.title())
                    : m.get("text.usebuttons", vote.title());
            return new Reply.Send(from.key(), text, Keyboard.NONE);
        }
        throw new IllegalStateException("a participant linked to no vote");
    }

    void code(Account from, String typed, List<Reply> out) {
        Messages m = UserLanguages.of(from, votes.all().get(0));
        if (!throttle.allowed(from.key())) {
            out.add(new Reply.Send(from.key(), m.get("checkin.code.throttled", throttle.minutesLeft(from.key())),
                    Keyboard.NONE));
            return;
        }
        String code = Codes.normaliseInvite(typed);
        if (code != null) {
            for (VoteDefinition vote : votes.all()) {
                Optional<Person> staff = store.invitee(vote.id(), code).flatMap(id -> staffEntry(vote, id));
                if (staff.isPresent() && !InviteRule.mayClaim(staff.get(), from)) {
                    // A staff entry pinned to another account's id: no code takes its role either.
                    throttle.failed(from.key());
                    out.add(new Reply.Send(from.key(), UserLanguages.of(from, vote).get("checkin.code.pinned",
                            vote.title()), Keyboard.NONE));
                    notifyOrganisers(vote, "checkin.code.pinned.organisers", staff.get(), from, out);
                    return;
                }
                if (staff.isPresent() && store.claimStaff(vote.id(), code, staff.get().id(), from.key())) {
                    // A staff code: the role, from this account (staff do not check in or vote).
                    throttle.succeeded(from.key());
                    Messages vm = UserLanguages.of(from, vote);
                    out.add(new Reply.Send(from.key(), vm.get(vote.organisers().contains(staff.get())
                            ? "staff.code.organiser" : "staff.code.supervisor", staff.get().name(), vote.title()),
                            Keyboard.NONE));
                    help.help(from, out);
                    return;
                }
                Optional<Person> invitee = store.invitee(vote.id(), code).flatMap(vote::participant);
                if (invitee.isPresent() && !InviteRule.mayClaim(invitee.get(), from)) {
                    // The vote file pins this entry to another account: the code changes nothing.
                    throttle.failed(from.key());
                    out.add(new Reply.Send(from.key(), UserLanguages.of(from, vote).get("checkin.code.pinned",
                            vote.title()), Keyboard.NONE));
                    notifyOrganisers(vote, "checkin.code.pinned.organisers", invitee.get(), from, out);
                    return;
                }
                Outcomes.CheckIn result = store.redeemInvite(vote.id(), code, from.key());
                if (result == Outcomes.CheckIn.UNKNOWN_CODE) {
                    continue;
                }
                throttle.succeeded(from.key());
                String personId = store.personOf(vote.id(), from.key()).orElse(null);
                Person person = personId == null ? null : vote.participant(personId).orElse(null);
                if (person == null && result == Outcomes.CheckIn.ENTRY_TAKEN && invitee.isPresent()) {
                    // The code's entry is checked in from another account: said as such, organisers told.
                    afterCheckIn(vote, invitee.get(), from, result, out);
                } else if (person == null) {
                    // The code was valid but this account is already someone else on this roster.
                    out.add(new Reply.Send(from.key(), UserLanguages.of(from, vote).get("checkin.account.taken",
                            vote.title()), Keyboard.NONE));
                } else {
                    afterCheckIn(vote, person, from, result, out);
                }
                return;
            }
        }
        throttle.failed(from.key());
        wrongCode(from, m, out);
    }

    /** A wrong code: how many tries are left before the wait, and whom to ask. */
    private void wrongCode(Account from, Messages m, List<Reply> out) {
        int left = throttle.triesLeft(from.key());
        out.add(new Reply.Send(from.key(), left > 0 ? m.get("checkin.code.unknown", left, throttle.windowMinutes())
                : m.get("checkin.code.throttled", throttle.minutesLeft(from.key())), Keyboard.NONE));
    }

    private static Optional<Person> staffEntry(VoteDefinition vote, String personId) {
        return java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> p.id().equals(personId)).findFirst();
    }

    /**
     * An account that would pass for {@code people} only by a username or phone number the vote
     * file pins to another account's id: refused, audited, the organisers told. False if none.
     */
    private boolean refuseTakeover(VoteDefinition vote, List<Person> people, Account from, List<Reply> out) {
        if (people.isEmpty()) {
            return false;
        }
        out.add(new Reply.Send(from.key(), UserLanguages.of(from, vote).get("takeover.refused", vote.title()),
                new Keyboard.RemoveReply()));
        takeovers.attempted(vote, people, from, out);
        return true;
    }

    private void checkIn(VoteDefinition vote, Person person, Account from, List<Reply> out) {
        afterCheckIn(vote, person, from, store.checkIn(vote.id(), person.id(), from.key()), out);
    }

    private void afterCheckIn(VoteDefinition vote, Person person, Account from, Outcomes.CheckIn result,
            List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        switch (result) {
            case LINKED, ALREADY_LINKED -> {
                // Linked: where the vote stands for the participant the account is linked to, in one step.
                Outcomes.Arrival arrival = store.arrive(vote.id(), from.key(), person.id(), vote.leaderCount(),
                        ballots.freshCopies(from.key()));
                if (arrival instanceof Outcomes.Arrival.Welcome welcome) {
                    welcome(vote, welcome, from, m, out);
                } else {
                    // Unlinked in between (not done by the bot): as the account taken by another entry.
                    out.add(new Reply.Send(from.key(), m.get("checkin.account.taken", vote.title()),
                            new Keyboard.RemoveReply()));
                }
            }
            case ENTRY_TAKEN -> {
                out.add(new Reply.Send(from.key(), m.get("checkin.entry.taken", person.name(), vote.title()),
                        new Keyboard.RemoveReply()));
                // The account the vote file pins this entry to is the rightful one, not an intruder.
                notifyOrganisers(vote, from.hasIdOf(person) ? "checkin.conflict.pinned.organisers"
                        : "checkin.conflict.organisers", person, from, out);
            }
            case ACCOUNT_TAKEN -> out.add(new Reply.Send(from.key(),
                    m.get("checkin.account.taken", vote.title()), new Keyboard.RemoveReply()));
            case UNKNOWN_CODE -> wrongCode(from, m, out);
        }
    }

    private void notifyOrganisers(VoteDefinition vote, String key, Person person, Account from, List<Reply> out) {
        for (String to : audience.organisers(vote)) {
            out.add(new Reply.Send(to, languages.messagesFor(to, vote).get(key, person.name(), describe(from),
                    vote.title()), Keyboard.NONE));
        }
    }

    /**
     * "You are checked in for «title»", and the ballot if the vote is open. Before opening and
     * after closing, what happens next is said in the same message, so the title is said once.
     */
    private void welcome(VoteDefinition vote, Outcomes.Arrival.Welcome arrival, Account from, Messages m,
            List<Reply> out) {
        String name = vote.participant(arrival.personId()).map(Person::name).orElse("");
        String welcome = m.get("checkin.welcome", name, vote.title(), vote.unit());
        VoteState state = arrival.state();
        if (state == VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), welcome, new Keyboard.RemoveReply()));
            ballots.arrived(vote, arrival, from.key(), m, out);
            return;
        }
        String next = state == VoteState.DRAFT ? m.get("checkin.waiting") : m.get("checkin.finished");
        out.add(new Reply.Send(from.key(), welcome + "\n" + next, new Keyboard.RemoveReply()));
    }

    static String describe(Account a) {
        StringBuilder b = new StringBuilder();
        if (a.displayName() != null) {
            b.append(a.displayName()).append(' ');
        }
        if (a.username() != null) {
            b.append('@').append(a.username()).append(' ');
        }
        return b.append('(').append(a.key()).append(')').toString();
    }
}
