package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * Organiser and supervisor commands: /open, /close, /status, /remind, /results, /audit,
 * /help. Supervisors only watch: they never change anything.
 */
final class StaffCommands {
    private static final DateTimeFormatter AUDIT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final VoteRegistry votes;
    private final VoteStore store;
    private final Clock clock;
    private final Audience audience;
    private final ChatFlow flow;
    private final UserLanguages languages;
    private final ResultFiles files;
    /** Votes whose results the audit log shows announced: no need to read it again. */
    private final Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StaffCommands(VoteRegistry votes, VoteStore store, Clock clock, Audience audience, ChatFlow flow,
            UserLanguages languages, ResultFiles files) {
        this.languages = languages;
        this.files = files;
        this.votes = votes;
        this.store = store;
        this.clock = clock;
        this.audience = audience;
        this.flow = flow;
    }

    /** The commands each role sees in its menu. */
    static List<MenuEntry> menu(boolean organiser, boolean supervisor, Messages m) {
        List<MenuEntry> out = new ArrayList<>();
        out.add(new MenuEntry("start", m.get("menu.start")));
        out.add(new MenuEntry("help", m.get("menu.help")));
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

    void onCommand(Account from, String name, List<String> args, List<Reply> out) {
        switch (name) {
            case "help" -> help(from, out);
            case "open" -> withVote(from, name, args, votes::isOrganiser, out, v -> open(v, from, false, out));
            case "close" -> withVote(from, name, args, votes::isOrganiser, out, v -> closeBy(v, from, out));
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
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        for (VoteDefinition v : mine) {
            rows.add(List.of(new Keyboard.Button(abbreviate(v.title()), CallbackData.pick(command, v.id()))));
        }
        out.add(new Reply.Send(from.key(), m.get("command.pickvote"), new Keyboard.Inline(rows)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    void help(Account from, List<Reply> out) {
        boolean organiser = votes.all().stream().anyMatch(v -> votes.isOrganiser(v, from));
        boolean supervisor = votes.all().stream().anyMatch(v -> votes.isSupervisor(v, from));
        Messages m = m(from);
        String key = organiser ? "help.organiser" : supervisor ? "help.supervisor" : "help.participant";
        out.add(new Reply.Send(from.key(), m.get(key), Keyboard.NONE));
    }

    void open(VoteDefinition vote, Account from, boolean force, List<Reply> out) {
        Messages m = ChatFlow.messages(from, vote);
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
        Map<String, String> present = audience.participants(vote);
        int needed = (2 * vote.summoned() + 2) / 3;
        if (!vote.hasQuorum(present.size()) && !force) {
            out.add(new Reply.Send(from.key(), m.get("open.noquorum", vote.title(), present.size(), vote.summoned(),
                    needed), new Keyboard.Inline(List.of(List.of(
                            new Keyboard.Button(m.get("open.button.force"), CallbackData.forceOpen(vote.id())))))));
            return;
        }
        Outcomes.Transition t = store.openVote(vote.id(), vote.fingerprint(), clock.instant());
        if (t != Outcomes.Transition.DONE) {
            out.add(new Reply.Send(from.key(), m.get("open.already", vote.title()), Keyboard.NONE));
            return;
        }
        String who = staffId(vote, from);
        store.audit(vote.id(), new AuditEntry(clock.instant(), "quorum",
                "present=" + present.size() + " summoned=" + vote.summoned()
                        + (vote.hasQuorum(present.size()) ? "" : " override") + " by=" + who));
        for (String staffKey : audience.allStaff(vote)) {
            out.add(new Reply.Send(staffKey, languages.messagesFor(staffKey, vote).get("open.done", vote.title(), present.size(),
                    vote.summoned()), Keyboard.NONE));
        }
        // Just opened: no need to read the state again for every participant.
        for (Map.Entry<String, String> p : present.entrySet()) {
            flow.sendBallot(vote, p.getKey(), p.getValue(), languages.messagesFor(p.getValue(), vote), out);
        }
    }

    private void closeBy(VoteDefinition vote, Account from, List<Reply> out) {
        VoteState state = store.state(vote.id());
        if (state != VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), ChatFlow.messages(from, vote).get(
                    state == VoteState.DRAFT ? "close.notopen" : "close.already", vote.title()), Keyboard.NONE));
            // Again, in case the first /close lost Redis between closing and announcing.
            announceIfNotYet(vote, out);
            return;
        }
        close(vote, staffId(vote, from), out);
    }

    /** Closes the vote, then counts and announces (see {@link #announceIfNotYet}). */
    void close(VoteDefinition vote, String by, List<Reply> out) {
        if (store.closeVote(vote.id(), clock.instant(), "by=" + by) != Outcomes.Transition.DONE) {
            return;
        }
        announceIfNotYet(vote, out);
    }

    /**
     * After close: erases the store's history of how the counts were reached, records the
     * digest of the results, announces them, and records that in the audit log. Each step
     * is skipped when the audit log shows it done, so a close interrupted by a Redis outage
     * or a crash is finished by the next {@code /close} or {@link ChatFlow#tick}, and the
     * results are announced once.
     *
     * <p>Synchronized: {@code /close} and the ticker may both find the vote closed and not yet
     * announced, and rendering the files makes that window wide enough to announce twice.
     */
    synchronized void announceIfNotYet(VoteDefinition vote, List<Reply> out) {
        if (announced.contains(vote.id()) || store.state(vote.id()) != VoteState.CLOSED) {
            return;
        }
        List<AuditEntry> log = store.auditLog(vote.id());
        if (log.stream().anyMatch(e -> e.event().equals("announced"))) {
            announced.add(vote.id());
            return;
        }
        // Before the history is erased: the record of live copies goes with it.
        flow.closeBallotCopies(vote, out);
        // No submit can run any more: erase the store's history of how the counts were reached.
        store.compactHistory(vote.id());
        Results results = results(vote);
        if (log.stream().noneMatch(e -> e.event().equals("results"))) {
            store.audit(vote.id(), new AuditEntry(clock.instant(), "results",
                    "sha256=" + ResultsView.digest(results)));
        }
        List<String> receiptCodes = store.receipts(vote.id());
        // Rows per leader, ballots returned and receipts come from two structures the store
        // keeps apart (counts; who voted): checked against each other, they can disagree.
        String balance = balance(vote, results.tally(), receiptCodes.size());
        if (log.stream().noneMatch(e -> e.event().equals("checked"))) {
            store.audit(vote.id(), new AuditEntry(clock.instant(), "checked", balance));
        }
        boolean balanced = balance.endsWith(BALANCED);
        Set<String> staffKeys = audience.allStaff(vote);
        Set<String> recipients = new java.util.LinkedHashSet<>(staffKeys);
        if (vote.announceToParticipants()) {
            recipients.addAll(audience.participants(vote).values());
        }
        // Rendered once per language, and only if some staff member is there to get them.
        Map<java.util.Locale, List<ResultFiles.File>> filesByLanguage = new java.util.HashMap<>();
        List<AuditEntry> logNow = staffKeys.isEmpty() ? List.of() : store.auditLog(vote.id());
        for (String to : recipients) {
            Messages m = languages.messagesFor(to, vote);
            out.add(new Reply.Send(to, ResultsView.announcement(results, m), Keyboard.NONE));
            out.add(new Reply.Send(to, ResultsView.receipts(receiptCodes, m), Keyboard.NONE));
            if (staffKeys.contains(to) && !balanced) {
                out.add(new Reply.Send(to, m.get("results.unbalanced", vote.title(), balance), Keyboard.NONE));
            }
            if (staffKeys.contains(to)) {
                for (ResultFiles.File f : filesByLanguage.computeIfAbsent(m.locale(),
                        l -> files.files(results, receiptCodes, logNow, l, clock.instant()))) {
                    out.add(f.to(to));
                }
            }
        }
        store.audit(vote.id(), new AuditEntry(clock.instant(), "announced", "recipients=" + recipients.size()));
        announced.add(vote.id());
    }

    private static final String BALANCED = " rows=ok";

    /**
     * The audit detail of the check "for every leader, valid + invalid rows = ballots
     * returned = receipts published": {@code receipts=N returned=N rows=ok}, or MISMATCH with
     * each leader whose rows add up to another number.
     */
    static String balance(VoteDefinition vote, Tally tally, int receipts) {
        StringBuilder b = new StringBuilder("receipts=" + receipts + " returned=" + tally.returned());
        List<Integer> unbalanced = tally.unbalancedLeaders();
        if (unbalanced.isEmpty() && receipts == tally.returned()) {
            return b.append(BALANCED).toString();
        }
        b.append(" MISMATCH");
        for (int i : unbalanced) {
            LeaderCounts c = tally.counts().get(i);
            b.append(' ').append(vote.leaders().get(i).id()).append("_rows=").append(c.valid() + c.blank());
        }
        return b.toString();
    }

    Results results(VoteDefinition vote) {
        return Results.of(vote, store.tally(vote.id(), vote.leaders().stream().map(l -> l.id()).toList()));
    }

    private void results(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = ChatFlow.messages(from, vote);
        if (store.state(vote.id()) != VoteState.CLOSED) {
            out.add(new Reply.Send(from.key(), m.get("results.notyet", vote.title()), Keyboard.NONE));
            return;
        }
        Results results = results(vote);
        List<String> receiptCodes = store.receipts(vote.id());
        out.add(new Reply.Send(from.key(), ResultsView.announcement(results, m), Keyboard.NONE));
        out.add(new Reply.Send(from.key(), ResultsView.receipts(receiptCodes, m), Keyboard.NONE));
        if (votes.isStaff(vote, from)) {
            for (ResultFiles.File f : files.files(results, receiptCodes, store.auditLog(vote.id()), m.locale(),
                    clock.instant())) {
                out.add(f.to(from.key()));
            }
        }
    }

    private void status(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = ChatFlow.messages(from, vote);
        VoteState state = store.state(vote.id());
        Map<String, String> present = store.checkedIn(vote.id());
        Set<String> voted = store.voters(vote.id());
        List<String> notVoted = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Person p : vote.roster()) {
            if (!present.containsKey(p.id())) {
                absent.add(p.name());
            } else if (!voted.contains(p.id())) {
                notVoted.add(p.name());
            }
        }
        int checkedIn = (int) vote.roster().stream().filter(p -> present.containsKey(p.id())).count();
        out.add(new Reply.Send(from.key(), m.get("status.text", vote.title(),
                m.get("state." + state.name().toLowerCase(java.util.Locale.ROOT)), vote.summoned(), checkedIn,
                voted.size(), notVoted.size(), notVoted.isEmpty() ? "-" : String.join(", ", notVoted),
                absent.size(), absent.isEmpty() ? "-" : String.join(", ", absent))
                + unreachedStaff(vote, m) + usernameOnlyStaff(vote, m), Keyboard.NONE));
    }

    /**
     * Organisers and supervisors who have never written to the bot: chat platforms do not let
     * a bot start a conversation, so they would miss the results. Empty when all have.
     */
    private String unreachedStaff(VoteDefinition vote, Messages m) {
        if (!audience.staffMustWriteFirst()) {
            return "";
        }
        Map<String, String> seen = store.staffAccounts(vote.id());
        List<String> names = java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> !seen.containsKey(p.id())).map(Person::name).distinct().toList();
        return names.isEmpty() ? "" : "\n" + m.get("status.staff.unreached", names.size(), String.join(", ", names));
    }

    /**
     * Organisers and supervisors recognised by a username alone, marked for the organisers to
     * fix: usernames change hands, and whoever takes one would get that person's role.
     */
    private static String usernameOnlyStaff(VoteDefinition vote, Messages m) {
        List<String> names = java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> p.contacts().usernameOnly()).map(Person::name).distinct().toList();
        return names.isEmpty() ? "" : "\n" + m.get("status.staff.usernameonly", names.size(), String.join(", ", names));
    }

    private void remind(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = ChatFlow.messages(from, vote);
        if (store.state(vote.id()) != VoteState.OPEN) {
            out.add(new Reply.Send(from.key(), m.get("close.notopen", vote.title()), Keyboard.NONE));
            return;
        }
        int reminded = 0;
        Set<String> voted = store.voters(vote.id());
        for (Map.Entry<String, String> p : audience.participants(vote).entrySet()) {
            if (voted.contains(p.getKey())) {
                continue;
            }
            reminded++;
            Messages vm = languages.messagesFor(p.getValue(), vote);
            out.add(new Reply.Send(p.getValue(), vm.get("remind.nudge", vote.title()), Keyboard.NONE));
            flow.sendDraft(vote, p.getKey(), p.getValue(), vm, out);
        }
        store.audit(vote.id(), new AuditEntry(clock.instant(), "reminded",
                "count=" + reminded + " by=" + staffId(vote, from)));
        out.add(new Reply.Send(from.key(), m.get("remind.done", reminded), Keyboard.NONE));
    }

    private void audit(VoteDefinition vote, Account from, List<Reply> out) {
        Messages m = ChatFlow.messages(from, vote);
        StringBuilder b = new StringBuilder(m.get("audit.header", vote.title()));
        for (AuditEntry e : store.auditLog(vote.id())) {
            b.append('\n').append(AUDIT_TIME.format(e.at())).append("  ").append(e.event()).append("  ")
                    .append(e.detail());
        }
        out.add(new Reply.Send(from.key(), b.toString(), Keyboard.NONE));
    }

    void notifyOrganisers(VoteDefinition vote, String key, Object[] args, List<Reply> out) {
        for (String to : audience.organisers(vote)) {
            out.add(new Reply.Send(to, languages.messagesFor(to, vote).get(key, args), Keyboard.NONE));
        }
    }

    private String staffId(VoteDefinition vote, Account from) {
        return votes.staffEntries(vote, from).stream().map(Person::id).findFirst().orElse(from.key());
    }

    private Messages m(Account from) {
        return ChatFlow.messages(from, votes.all().get(0));
    }

    private static Reply send(Account from, Messages m, String key) {
        return new Reply.Send(from.key(), m.get(key), Keyboard.NONE);
    }
}
