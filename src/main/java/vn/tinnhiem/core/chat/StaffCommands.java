package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.FrozenDefinition;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * Organiser and supervisor commands: /open, /close, /status, /remind, /results, /audit,
 * /help. Supervisors only watch: they never change anything.
 */
final class StaffCommands {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final Clock clock;
    private final Audience audience;
    private final BallotDelivery ballots;
    private final Announcer announcer;
    private final Help help;
    private final UserLanguages languages;
    private final ResultFiles files;
    private final ReceiptCheck receipts;
    private final Takeovers takeovers;
    private final BallotActivity activity;

    /** Lines the adapters add to /status. */
    private final List<StatusNotes> notes;

    StaffCommands(VoteRegistry votes, VoteStore store, Clock clock, Audience audience, BallotDelivery ballots,
            Announcer announcer, Help help, UserLanguages languages, ResultFiles files, List<StatusNotes> notes,
            Takeovers takeovers, BallotActivity activity) {
        this.notes = notes;
        this.takeovers = takeovers;
        this.activity = activity;
        this.votes = votes;
        this.store = store;
        this.clock = clock;
        this.audience = audience;
        this.ballots = ballots;
        this.announcer = announcer;
        this.help = help;
        this.languages = languages;
        this.files = files;
        this.receipts = new ReceiptCheck(votes, store);
    }

    /** The commands each role sees in its menu. */
    static List<MenuEntry> menu(boolean organiser, boolean supervisor, Messages m) {
        List<MenuEntry> out = new ArrayList<>();
        out.add(new MenuEntry("start", m.get("menu.start")));
        out.add(new MenuEntry("help", m.get("menu.help")));
        out.add(new MenuEntry(m.get("receipt.command"), m.get("menu.receipt")));
        if (organiser) {
            out.add(new MenuEntry("open", m.get("menu.open")));
            out.add(new MenuEntry("close", m.get("menu.close")));
            out.add(new MenuEntry("remind", m.get("menu.remind")));
        }
        if (organiser || supervisor) {
            out.add(new MenuEntry("status", m.get("menu.status")));
            out.add(new MenuEntry("results", m.get("menu.results")));
            out.add(new MenuEntry("audit", m.get("menu.audit")));
        }
        return out;
    }

    private static final Set<String> FORCE_WORDS = Set.of("force", "mo");

    void onCommand(Account from, String name, List<String> args, List<Reply> out) {
        switch (name) {
            case "help" -> help.help(from, out);
            case "open" -> {
                // Typed confirmation where there is no button for it: "/open force" or "/open VOTE force".
                boolean force = args.stream().anyMatch(a -> FORCE_WORDS.contains(a.toLowerCase(Locale.ROOT)));
                List<String> rest = args.stream().filter(a -> !FORCE_WORDS.contains(a.toLowerCase(Locale.ROOT)))
                        .toList();
                withVote(from, name, rest, votes::isOrganiser, out, v -> open(v, from, force, out));
            }
            case "kiemtra", "receipt" -> receipts.check(from, args, m(from), out);
            // Anyone's own id, for those who want it in the vote file: nobody can look a Zalo id up.
            case "id", "myid", "ma" -> out.add(new Reply.Send(from.key(), m(from).get("whoami",
                    from.platform().name(), from.userId(), from.platform().identities()), Keyboard.NONE));
            case "close" -> {
                // Typed confirmation where there is no button for it: "/close force" or "/close VOTE force".
                boolean force = args.stream().anyMatch(a -> FORCE_WORDS.contains(a.toLowerCase(Locale.ROOT)));
                List<String> rest = args.stream().filter(a -> !FORCE_WORDS.contains(a.toLowerCase(Locale.ROOT)))
                        .toList();
                withVote(from, name, rest, votes::isOrganiser, out, v -> close(v, from, force, out));
            }
            case "remind" -> withVote(from, name, args, votes::isOrganiser, out, v -> remind(v, from, out));
            case "status" -> withVote(from, name, args, votes::isStaff, out, v -> status(v, from, out));
            case "audit" -> withVote(from, name, args, votes::isStaff, out, v -> audit(v, from, out));
            case "results" -> withVote(from, name, args, this::mayReadResults, out, v -> results(v, from, out));
            default -> out.add(send(from, m(from), "command.unknown"));
        }
    }

    private boolean mayReadResults(VoteDefinition vote, Account from) {
        return votes.isStaff(vote, from)
                || vote.announceToParticipants() && store.personOf(vote.id(), from.key()).isPresent();
    }

    /**
     * Runs {@code action} on the vote the command is for: the one named in the first
     * argument, the only one this account may use it on, or the one picked from buttons.
     */
    private void withVote(Account from, String command, List<String> args,
            BiPredicate<VoteDefinition, Account> allowed, List<Reply> out,
            java.util.function.Consumer<VoteDefinition> action) {
        List<VoteDefinition> mine = votes.all().stream().filter(v -> allowed.test(v, from)).toList();
        Messages m = m(from);
        if (mine.isEmpty()) {
            out.add(send(from, m, "command.notallowed"));
            // An account with the username of staff pinned to an id: not them, and the organisers are told.
            for (VoteDefinition v : votes.all()) {
                List<Person> staff = votes.impersonated(v, from).stream()
                        .filter(p -> v.organisers().contains(p) || v.supervisors().contains(p)).toList();
                takeovers.attempted(v, staff, from, out);
            }
            return;
        }
        if (!args.isEmpty()) {
            String wanted = args.get(0);
            mine.stream().filter(v -> v.id().equals(wanted)).findFirst().ifPresentOrElse(action,
                    () -> out.add(new Reply.Send(from.key(), m.get("command.novote", abbreviate(wanted)),
                            Keyboard.NONE)));
            return;
        }
        if (mine.size() == 1) {
            action.accept(mine.get(0));
            return;
        }
        if (!from.can().buttons()) {
            StringBuilder b = new StringBuilder(m.get("command.pickvote.typed"));
            for (VoteDefinition v : mine) {
                b.append("\n/").append(command).append(' ').append(v.id()).append(" — ").append(abbreviate(v.title()));
            }
            out.add(new Reply.Send(from.key(), b.toString(), Keyboard.NONE));
            return;
        }
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        for (VoteDefinition v : mine) {
            rows.add(List.of(new Keyboard.Button(abbreviate(v.title()), CallbackData.pick(command, v.id()))));
        }
        out.add(new Reply.Send(from.key(), m.get("command.pickvote"), new Keyboard.Inline(rows)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    void open(VoteDefinition vote, Account from, boolean force, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        if (!votes.isOrganiser(vote, from)) {
            out.add(send(from, m, "command.notallowed"));
            return;
        }
        VoteState state = store.state(vote.id());
        if (state != VoteState.DRAFT) {
            out.add(new Reply.Send(from.key(), m.get(state == VoteState.OPEN ? "open.already" : "open.closed",
                    vote.title()), Keyboard.NONE));
            return;
        }
        Audience.Reach reach = audience.participants(vote);
        int present = reach.present();
        int needed = (2 * vote.summoned() + 2) / 3;
        if (!vote.hasQuorum(present) && !force) {
            String text = m.get("open.noquorum", vote.title(), present, vote.summoned(), needed);
            if (from.can().buttons()) {
                out.add(new Reply.Send(from.key(), text + "\n" + m.get("open.noquorum.press"),
                        new Keyboard.Inline(List.of(List.of(new Keyboard.Button(m.get("open.button.force"),
                                CallbackData.forceOpen(vote.id())))))));
            } else {
                out.add(new Reply.Send(from.key(), text + "\n" + m.get("open.noquorum.typed", vote.id()),
                        Keyboard.NONE));
            }
            return;
        }
        Outcomes.Transition t = store.openVote(vote.id(), FrozenDefinition.of(vote), clock.instant());
        if (t != Outcomes.Transition.DONE) {
            out.add(new Reply.Send(from.key(), m.get("open.already", vote.title()), Keyboard.NONE));
            return;
        }
        String who = staffId(vote, from);
        store.audit(vote.id(), new AuditEntry(clock.instant(), "quorum",
                "present=" + present + " summoned=" + vote.summoned()
                        + (vote.hasQuorum(present) ? "" : " override") + " by=" + who));
        // Opened below the quorum: every organiser and supervisor is told so, with who decided.
        String key = vote.hasQuorum(present) ? "open.done" : "open.done.noquorum";
        String byName = staffName(vote, from);
        for (String staffKey : audience.allStaff(vote)) {
            out.add(new Reply.Send(staffKey, languages.messagesFor(staffKey, vote).get(key, vote.title(), present,
                    vote.summoned(), needed, byName), Keyboard.NONE));
        }
        // Just opened: no need to read the state again for every participant.
        for (Map.Entry<String, String> p : reach.reachable().entrySet()) {
            ballots.current(vote, p.getKey(), p.getValue(), languages.messagesFor(p.getValue(), vote), out);
        }
        if (!reach.unreachable().isEmpty()) {
            announcer.tellOrganisers(vote, "unreachable.ballots", List.copyOf(reach.unreachable().values()), out);
        }
    }

    /**
     * {@code /close}: while ballots are outstanding (checked in, not yet sent) it asks first, with
     * a button where there are buttons ("/close VOTE force" typed elsewhere); a vote where every
     * ballot issued has come back closes at once.
     */
    void close(VoteDefinition vote, Account from, boolean force, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        if (!votes.isOrganiser(vote, from)) {
            out.add(send(from, m, "command.notallowed"));
            return;
        }
        VoteState state = store.state(vote.id());
        if (state != VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), m.get(
                    state == VoteState.DRAFT ? "close.notopen" : "close.already", vote.title()), Keyboard.NONE));
            // Again, in case the first /close lost Redis between closing and announcing.
            announcer.announceIfNotYet(vote, out);
            return;
        }
        if (!force) {
            Map<String, String> present = store.checkedIn(vote.id());
            int issued = (int) vote.roster().stream().filter(p -> present.containsKey(p.id())).count();
            int outstanding = issued - store.voters(vote.id()).size();
            if (outstanding > 0) {
                String text = m.get("close.outstanding", vote.title(), outstanding, issued);
                if (from.can().buttons()) {
                    out.add(new Reply.Send(from.key(), text, new Keyboard.Inline(List.of(List.of(
                            new Keyboard.Button(m.get("close.button.force"), CallbackData.forceClose(vote.id())))))));
                } else {
                    out.add(new Reply.Send(from.key(), text + "\n" + m.get("close.outstanding.typed", vote.id()),
                            Keyboard.NONE));
                }
                return;
            }
        }
        announcer.close(vote, staffId(vote, from), out);
    }

    private void results(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        if (store.state(vote.id()) != VoteState.CLOSED) {
            out.add(new Reply.Send(from.key(), m.get("results.notyet", vote.title()), Keyboard.NONE));
            return;
        }
        Results results = announcer.results(vote);
        List<String> receiptCodes = store.receipts(vote.id());
        for (String part : ResultsView.announcement(results, m, from.can().maxText())) {
            out.add(new Reply.Send(from.key(), part, Keyboard.NONE));
        }
        out.add(new Reply.Send(from.key(), ResultsView.receipts(receiptCodes, m), Keyboard.NONE));
        if (votes.isStaff(vote, from)) {
            announcer.sendFiles(from.key(), files.files(results, receiptCodes, store.auditLog(vote.id()), m.locale(),
                    clock.instant()), m, out);
        }
    }

    private void status(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        VoteState state = store.state(vote.id());
        Map<String, String> present = store.checkedIn(vote.id());
        Set<String> voted = store.voters(vote.id());
        List<String> notVoted = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Set<String> sameNames = Person.sameNames(vote.roster());
        for (Person p : vote.roster()) {
            if (!present.containsKey(p.id())) {
                absent.add(p.label(sameNames));
            } else if (!voted.contains(p.id())) {
                notVoted.add(p.label(sameNames));
            }
        }
        int checkedIn = (int) vote.roster().stream().filter(p -> present.containsKey(p.id())).count();
        StringBuilder text = new StringBuilder(m.get("status.text", vote.title(),
                m.get("state." + state.name().toLowerCase(java.util.Locale.ROOT)), vote.summoned(), checkedIn,
                voted.size()));
        // Before opening nobody can have sent a ballot: no list of those who have not.
        if (state != VoteState.DRAFT) {
            text.append('\n').append(m.get("status.notvoted", notVoted.size(),
                    notVoted.isEmpty() ? "-" : String.join(", ", notVoted)));
        }
        text.append('\n').append(m.get("status.absent", absent.size(), absent.isEmpty() ? "-" : String.join(", ", absent)));
        out.add(new Reply.Send(from.key(), text + unreachedStaff(vote, m) + usernameOnlyStaff(vote, m)
                + adapterNotes(m), Keyboard.NONE));
    }

    private String adapterNotes(Messages m) {
        StringBuilder b = new StringBuilder();
        for (StatusNotes n : notes) {
            for (String line : n.lines(m)) {
                b.append('\n').append(line);
            }
        }
        return b.toString();
    }

    /**
     * Organisers and supervisors who would miss the results: chat platforms do not let a bot
     * start a conversation. Empty when all can be reached.
     */
    private String unreachedStaff(VoteDefinition vote, Messages m) {
        List<String> names = audience.unreachedStaff(vote);
        return names.isEmpty() ? "" : "\n" + m.get("status.staff.unreached", names.size(), String.join(", ", names));
    }

    /**
     * Organisers and supervisors recognised by a username alone, marked for the organisers to
     * fix: usernames change hands, and whoever takes one would get that person's role.
     */
    private static String usernameOnlyStaff(VoteDefinition vote, Messages m) {
        List<String> names = java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> p.usernameOnly()).map(Person::name).distinct().toList();
        return names.isEmpty() ? "" : "\n" + m.get("status.staff.usernameonly", names.size(), String.join(", ", names));
    }

    private void remind(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        VoteState state = store.state(vote.id());
        if (state != VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), m.get(state == VoteState.DRAFT ? "remind.notopen" : "remind.closed",
                    vote.title()), Keyboard.NONE));
            return;
        }
        int reminded = 0;
        Set<String> voted = store.voters(vote.id());
        Audience.Reach reach = audience.participants(vote);
        for (Map.Entry<String, String> p : reach.reachable().entrySet()) {
            if (voted.contains(p.getKey())) {
                continue;
            }
            reminded++;
            Messages vm = languages.messagesFor(p.getValue(), vote);
            String deadline = Deadlines.of(vote, vm.locale());
            String until = deadline == null ? "" : vm.get("remind.deadline", deadline);
            // Someone busy with their ballot keeps it: the reminder answers their live copy, no new copy.
            java.util.Optional<String> live = activity.recent(p.getValue())
                    ? store.ballotMessage(vote.id(), p.getKey()).filter(id -> !id.startsWith(BallotCopies.RETIRED))
                    : java.util.Optional.empty();
            if (live.isPresent()) {
                out.add(new Reply.Send(p.getValue(), vm.get("remind.nudge.live", vote.title(), until), Keyboard.NONE,
                        live.get()));
                continue;
            }
            if (ballots.can(p.getValue()).edits()) {
                out.add(new Reply.Send(p.getValue(), vm.get("remind.nudge", vote.title(), until), Keyboard.NONE));
                ballots.draft(vote, p.getKey(), p.getValue(), vm, out);
            } else {
                // A text platform's messages are a budget: the nudge and the ballot in one
                // message when they fit, else the nudge alone (the ballot is in the chat).
                ballots.reminder(vote, p.getKey(), p.getValue(), vm, vm.get("remind.nudge", vote.title(), until),
                        vm.get("remind.nudge.text", vote.title(), until), out);
            }
        }
        store.audit(vote.id(), new AuditEntry(clock.instant(), "reminded",
                "count=" + reminded + " by=" + staffId(vote, from)));
        out.add(new Reply.Send(from.key(), m.get("remind.done", reminded), Keyboard.NONE));
        List<String> unreachable = reach.unreachable().entrySet().stream()
                .filter(e -> !voted.contains(e.getKey())).map(Map.Entry::getValue).toList();
        if (!unreachable.isEmpty()) {
            announcer.tellOrganisers(vote, "unreachable.ballots", unreachable, out);
        }
    }

    private void audit(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = UserLanguages.of(from, vote);
        out.add(new Reply.Send(from.key(), AuditView.render(vote, store.auditLog(vote.id()), m), Keyboard.NONE));
    }

    void notifyOrganisers(VoteDefinition vote, String key, Object[] args, List<Reply> out) {
        for (String to : audience.organisers(vote)) {
            out.add(new Reply.Send(to, languages.messagesFor(to, vote).get(key, args), Keyboard.NONE));
        }
    }

    private String staffName(VoteDefinition vote, Account from) {
        return votes.staffEntries(vote, from).stream().map(Person::name).findFirst().orElse(from.key());
    }

    private String staffId(VoteDefinition vote, Account from) {
        return votes.staffEntries(vote, from).stream().map(Person::id).findFirst().orElse(from.key());
    }

    private Messages m(Account from) {
        return UserLanguages.of(from, votes.all().get(0));
    }

    private static Reply send(Account from, Messages m, String key) {
        return new Reply.Send(from.key(), m.get(key), Keyboard.NONE);
    }
}
