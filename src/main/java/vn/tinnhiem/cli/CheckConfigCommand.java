package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import vn.tinnhiem.config.ConfigError;
import vn.tinnhiem.config.ConfigException;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

/**
 * {@code check-config PATH}: validates vote definitions without starting anything, and
 * shows an operator what the bot would run, so a typo is found before the conference.
 */
public final class CheckConfigCommand implements Command {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final java.util.Map<String, String> env;

    public CheckConfigCommand() {
        this(System.getenv());
    }

    CheckConfigCommand(java.util.Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "check-config";
    }

    @Override
    public String arguments() {
        return "PATH";
    }

    @Override
    public String summary() {
        return "Validate vote definitions (a .json file or a folder of them) and summarise each";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        List<DefinitionLoader.Loaded> votes;
        try {
            votes = DefinitionLoader.loadWithSources(Path.of(args.get(0)));
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error.message());
            }
            int n = e.errors().size();
            err.println("check-config: " + n + (n == 1 ? " error" : " errors")
                    + "; nothing may start until " + (n == 1 ? "it is" : "they are") + " fixed");
            return FAILED;
        }
        for (DefinitionLoader.Loaded vote : votes) {
            describe(vote, out);
            out.println();
        }
        if (!sameAsFrozen(votes, out, err)) {
            return FAILED;
        }
        out.println("OK: " + votes.size() + (votes.size() == 1 ? " vote definition" : " vote definitions")
                + " valid");
        return OK;
    }

    static void describe(DefinitionLoader.Loaded loaded, PrintStream out) {
        VoteDefinition v = loaded.definition();
        List<Person> roster = v.roster();
        out.println(v.id() + "  (" + loaded.file() + ")");
        row(out, "title", v.title());
        row(out, "unit", v.unit().isEmpty() ? "-" : v.unit());
        row(out, "rulebook", v.rulebook().id() + " (percentages of the "
                + (v.rulebook().denominatorKind() == Rulebook.Denominator.RETURNED
                        ? "ballots returned)" : "number summoned)"));
        row(out, "language", v.language().toLanguageTag());
        row(out, "leaders", String.valueOf(v.leaderCount()));
        for (int i = 0; i < v.leaderCount(); i++) {
            Leader l = v.leaders().get(i);
            row(out, "", (i + 1) + ". " + l.fullName() + ", " + l.position() + "  [" + l.id() + "]");
        }
        row(out, "summoned", roster.size() + "; quorum: " + quorum(roster.size())
                + " present (at least 2/3)");
        row(out, "recognised by", count(roster, p -> RosterFields.telegramId(p) != null) + " telegramId, "
                + count(roster, p -> RosterFields.telegramUsername(p) != null) + " telegramUsername, "
                + count(roster, p -> RosterFields.phone(p) != null) + " phone, "
                + count(roster, p -> RosterFields.zaloId(p) != null) + " zaloId; "
                + roster.stream().filter(InviteRule::needsCode).count() + " need an invite code");
        row(out, "organisers", v.organisers().size() + ": " + v.organisers().stream()
                .map(o -> o.name() + alsoParticipant(o, roster)).collect(Collectors.joining(", ")));
        row(out, "supervisors", v.supervisors().size() + (v.supervisors().isEmpty() ? "" : ": "
                + v.supervisors().stream().map(Person::name).collect(Collectors.joining(", "))));
        row(out, "deadline", deadline(v.deadline()));
        row(out, "results", v.announceToParticipants()
                ? "announced to organisers, supervisors and participants"
                : "announced to organisers and supervisors only");
        row(out, "fingerprint", "sha256:" + v.fingerprint());
        for (String note : pinnedNotes(v)) {
            row(out, "pinned", note);
        }
        for (String warning : usernameOnlyStaff(v)) {
            row(out, "WARNING", warning);
        }
    }

    /**
     * With REDIS_URL set, each vote already opened is compared with what {@code /open} froze:
     * a file changed since is reported, field by field, and fails the check (the bot would refuse
     * to start on it, and the results stay those of the frozen definition). False if one differs.
     */
    private boolean sameAsFrozen(List<DefinitionLoader.Loaded> votes, PrintStream out, PrintStream err) {
        if (env.get("REDIS_URL") == null) {
            return true;
        }
        boolean same = true;
        try (vn.tinnhiem.core.VoteStore store = new BotEnvironment(env).redisStore(name(), err)) {
            if (store == null) {
                return false;
            }
            for (DefinitionLoader.Loaded loaded : votes) {
                VoteDefinition v = loaded.definition();
                var frozen = store.frozen(v.id());
                if (frozen.isEmpty()) {
                    continue;
                }
                List<String> changes = frozen.get().differences(v);
                if (changes.isEmpty()) {
                    out.println(v.id() + ": as frozen at /open (sha256:" + frozen.get().fingerprint() + ")");
                } else {
                    same = false;
                    err.println(loaded.file() + ": vote " + v.id() + ": the file changed since /open: "
                            + String.join("; ", changes) + ". Restore it as it was: the bot will not start on it,"
                            + " and results use the definition frozen at /open");
                }
            }
        }
        return same;
    }

    /**
     * Entries with an id besides a username or phone number: they are recognised by the id only
     * (an account with the username or number is refused and reported); the rest is for display.
     */
    static List<String> pinnedNotes(VoteDefinition v) {
        List<String> out = new java.util.ArrayList<>();
        for (var list : List.of(java.util.Map.entry("participant", v.roster()),
                java.util.Map.entry("organiser", v.organisers()), java.util.Map.entry("supervisor", v.supervisors()))) {
            for (Person p : list.getValue()) {
                if (!p.pinned() || p.matchable().size() == p.identities().size()) {
                    continue;
                }
                String ids = p.matchable().stream().map(RosterFields::field).collect(Collectors.joining(" or "));
                String ignored = p.identities().stream().filter(i -> !p.matchable().contains(i))
                        .map(i -> RosterFields.field(i) + " " + (i.kind().equals(vn.tinnhiem.core.Identity.USERNAME)
                                ? "@" + i.value() : i.value()))
                        .collect(Collectors.joining(", "));
                out.add(list.getKey() + " " + p.id() + " (" + p.name() + ") is matched by " + ids + " only; "
                        + ignored + " kept for display, not for matching");
            }
        }
        return out;
    }

    /**
     * Organisers and supervisors recognised by a Telegram username alone. Usernames change
     * hands: whoever takes a released username would be recognised as this organiser or
     * supervisor. A numeric id never changes.
     */
    static List<String> usernameOnlyStaff(VoteDefinition v) {
        List<String> out = new java.util.ArrayList<>();
        for (var list : List.of(java.util.Map.entry("organiser", v.organisers()),
                java.util.Map.entry("supervisor", v.supervisors()))) {
            for (Person p : list.getValue()) {
                if (p.usernameOnly()) {
                    out.add(list.getKey() + " " + p.id() + " (" + p.name() + ") is recognised by telegramUsername @"
                            + RosterFields.telegramUsername(p) + " only; usernames change hands: add their"
                            + " telegramId");
                }
            }
        }
        return out;
    }

    /** The fewest present for the conference to proceed: ceil(2/3 of summoned). */
    static int quorum(int summoned) {
        return (2 * summoned + 2) / 3;
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", label, value);
    }

    private static long count(List<Person> people, Predicate<Person> test) {
        return people.stream().filter(test).count();
    }

    private static String alsoParticipant(Person organiser, List<Person> roster) {
        return roster.stream().filter(p -> sameSomewhere(organiser, p))
                .findFirst().map(p -> " (also participant " + p.id() + ")").orElse("");
    }

    private static boolean sameSomewhere(Person a, Person b) {
        return a.identities().stream().anyMatch(b::has);
    }

    private static String deadline(Instant deadline) {
        if (deadline == null) {
            return "none (an organiser closes the vote with /close)";
        }
        String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(deadline.atZone(VIETNAM))
                + " (Vietnam time)";
        return deadline.isBefore(Instant.now()) ? text + ", ALREADY PASSED" : text;
    }
}
