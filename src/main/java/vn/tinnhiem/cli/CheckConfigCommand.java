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
                        ? "ballots returned)" : "number summoned)")
                + v.rulebook().supersededBy().map(r -> "; SUPERSEDED by " + r.id()
                        + ": use it only to re-count a vote held under " + v.rulebook().id()).orElse(""));
        row(out, "address", (v.address() == null ? v.rulebook().defaultAddress() + " (the rulebook's default)"
                : v.address()));
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
        for (String warning : usernameOnlyStaff(v)) {
            row(out, "WARNING", warning);
        }
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
