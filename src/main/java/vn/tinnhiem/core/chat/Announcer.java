package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * Closing a vote and announcing its results, once, whoever gets there first: {@code /close}
 * or the deadline ticker, in this process or another replica. The store arbitrates
 * ({@link VoteStore#claimAnnouncement}, {@link VoteStore#recordAnnounced}): one process
 * holds the claim while it builds the announcement, and sends it only if the store records
 * it as the one announcement.
 */
final class Announcer {
    private final VoteStore store;
    private final Clock clock;
    private final Audience audience;
    private final BallotCopies copies;
    private final UserLanguages languages;
    private final ResultFiles files;
    /** Votes whose results the audit log shows announced: no need to read it again. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    /** This process's token in the store's claim: another replica has another. */
    private final String holder = java.util.UUID.randomUUID().toString();
    /**
     * How long a claim lasts: longer than drawing the results files takes. A process that
     * dies holding it delays the announcement by at most this, until another claims it.
     */
    static final java.time.Duration CLAIM = java.time.Duration.ofSeconds(60);

    Announcer(VoteStore store, Clock clock, Audience audience, BallotCopies copies, UserLanguages languages,
            ResultFiles files) {
        this.store = store;
        this.clock = clock;
        this.audience = audience;
        this.copies = copies;
        this.languages = languages;
        this.files = files;
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
     * <p>Participants checked in on a platform not running here cannot be told: the audit
     * entry counts them apart ({@code unreachable=N}) and the organisers get their names.
     *
     * <p>{@code /close} and the ticker, here or on other replicas, may all find the vote closed
     * and not yet announced, and rendering the files makes that window wide enough to announce
     * twice: the store's claim lets one through (synchronized for the threads of this process,
     * which share one token), and the announcement goes out only if the store records it.
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
        if (!store.claimAnnouncement(vote.id(), holder, CLAIM)) {
            return; // another process is announcing, or has
        }
        List<Reply> mine = new java.util.ArrayList<>();
        String detail = announce(vote, log, mine);
        AuditEntry done = new AuditEntry(clock.instant(), "announced", detail);
        if (store.recordAnnounced(vote.id(), holder, done)) {
            out.addAll(mine);
        }
        announced.add(vote.id());
    }

    /** Everything but the final record, under the claim; returns the "announced" line's detail. */
    private String announce(VoteDefinition vote, List<AuditEntry> log, List<Reply> out) {
        // Before the history is erased: the record of live copies goes with it. A copy on a
        // platform not running here stays as it is (it cannot be reached to be edited).
        List<Reply> closedCopies = new java.util.ArrayList<>();
        copies.closeAll(vote, closedCopies);
        closedCopies.stream().filter(r -> audience.platforms().reachable(r.to())).forEach(out::add);
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
        Set<String> recipients = new LinkedHashSet<>(staffKeys);
        List<String> unreachable = List.of();
        if (vote.announceToParticipants()) {
            Audience.Reach reach = audience.participants(vote);
            recipients.addAll(reach.reachable().values());
            unreachable = List.copyOf(reach.unreachable().values());
        }
        // Rendered once per language, and only if some staff member is there to get them.
        Map<Locale, List<ResultFiles.File>> filesByLanguage = new HashMap<>();
        List<AuditEntry> logNow = staffKeys.isEmpty() ? List.of() : store.auditLog(vote.id());
        java.util.function.Function<Locale, List<ResultFiles.File>> filesIn = l ->
                filesByLanguage.computeIfAbsent(l, x -> files.files(results, receiptCodes, logNow, x, clock.instant()));
        // The chart goes as a photo to everyone whose platform takes files: taken from the staff's
        // files when they are drawn anyway.
        Map<Locale, java.util.Optional<ResultFiles.File>> chartByLanguage = new HashMap<>();
        for (String to : recipients) {
            Messages m = languages.messagesFor(to, vote);
            for (String part : ResultsView.announcement(results, m, maxText(to))) {
                out.add(new Reply.Send(to, part, Keyboard.NONE));
            }
            if (takesFiles(to)) {
                chartByLanguage.computeIfAbsent(m.locale(), l -> staffKeys.contains(to)
                        ? chartAmong(filesIn.apply(l), results, l) : files.chart(results, l))
                        .ifPresent(chart -> out.add(new Reply.Photo(to, chart,
                                m.get("results.chart.caption", vote.title()))));
            }
            out.add(new Reply.Send(to, ResultsView.receipts(receiptCodes, m), Keyboard.NONE));
            if (staffKeys.contains(to) && !balanced) {
                out.add(new Reply.Send(to, m.get("results.unbalanced", vote.title(), balance), Keyboard.NONE));
            }
            if (staffKeys.contains(to)) {
                sendFiles(to, filesIn.apply(m.locale()), m, out);
            }
        }
        if (!unreachable.isEmpty()) {
            tellOrganisers(vote, "unreachable.results", unreachable, out);
        }
        return "recipients=" + recipients.size() + (unreachable.isEmpty() ? "" : " unreachable=" + unreachable.size());
    }

    /**
     * The results files, where the recipient's platform takes files; elsewhere (Zalo) one
     * line naming them and where to get them.
     */
    void sendFiles(String to, List<ResultFiles.File> made, Messages m, List<Reply> out) {
        if (made.isEmpty()) {
            return;
        }
        if (takesFiles(to)) {
            made.forEach(f -> out.add(f.to(to)));
        } else {
            out.add(new Reply.Send(to, m.get("results.files.elsewhere",
                    String.join(", ", made.stream().map(ResultFiles.File::name).toList())), Keyboard.NONE));
        }
    }

    /** The longest message the account's platform takes. */
    int maxText(String account) {
        return audience.platforms().of(account).map(p -> p.capabilities().maxText()).orElse(Integer.MAX_VALUE);
    }

    private boolean takesFiles(String account) {
        return audience.platforms().of(account).map(p -> p.capabilities().files()).orElse(false);
    }

    /** The chart among the files already drawn for staff, so it is not drawn twice. */
    private java.util.Optional<ResultFiles.File> chartAmong(List<ResultFiles.File> drawn, Results results,
            Locale language) {
        return drawn.stream().filter(f -> f.mediaType().equals("image/png")).findFirst()
                .or(() -> files.chart(results, language));
    }

    /** Tells the vote's organisers who could not be reached, by name and platform. */
    void tellOrganisers(VoteDefinition vote, String key, List<String> unreachable, List<Reply> out) {
        for (String to : audience.organisers(vote)) {
            out.add(new Reply.Send(to, languages.messagesFor(to, vote).get(key, vote.title(), unreachable.size(),
                    String.join(", ", unreachable)), Keyboard.NONE));
        }
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
        return Results.of(vote, store);
    }
}
