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
import vn.tinnhiem.zalo.ZaloBot;
import vn.tinnhiem.zalo.ZaloBudget;

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

    /** @param env ZALO_MONTHLY_QUOTA and ZALO_USER_CAP, the Zalo bot's plan (default: the free plan's) */
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
        long quota = limit("ZALO_MONTHLY_QUOTA", ZaloBot.Quota.FREE_PLAN, err);
        long users = limit("ZALO_USER_CAP", ZaloBot.Quota.FREE_PLAN_USERS, err);
        for (DefinitionLoader.Loaded vote : votes) {
            describe(vote, out);
            zalo(vote.definition(), quota, users, out);
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
        for (String warning : usernameOnlyStaff(v)) {
            row(out, "WARNING", warning);
        }
        for (Person p : java.util.stream.Stream.concat(v.organisers().stream(), v.supervisors().stream()).toList()) {
            if (p.identities().isEmpty()) {
                row(out, "staff code", p.id() + " (" + p.name() + ") has no chat id: takes the role by typing a staff"
                        + " code (invites --staff, slips --staff)");
            }
        }
    }

    private long limit(String name, long fallback, PrintStream err) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(1, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            err.println("check-config: " + name + " is not a number: " + v + "; using " + fallback);
            return fallback;
        }
    }

    /**
     * The vote's Zalo messages, estimated as the bot would send them, against the bot's monthly
     * quota and its users a bot; a WARNING when the vote would exceed either.
     */
    static void zalo(VoteDefinition v, long quota, long userCap, PrintStream out) {
        ZaloBudget b = ZaloBudget.of(v);
        if (b.users() == 0) {
            row(out, "zalo", "nobody is known on Zalo (no zaloId, nobody with an invite code only)");
            return;
        }
        row(out, "zalo", "up to " + b.participants() + " participants (" + b.withZaloId() + " zaloId, the rest by"
                + " invite code) and " + b.staff() + " staff; about " + b.total() + " messages ("
                + b.perParticipant() + " a participant: check-in, ballot " + b.ballotMessages() + ", review "
                + b.reviewMessages() + ", receipt, a reminder" + (v.announceToParticipants() ? ", results "
                + b.resultMessages() : "") + "); quota " + quota + " a month (ZALO_MONTHLY_QUOTA), " + userCap
                + " users a bot (ZALO_USER_CAP)");
        if (b.total() > quota) {
            row(out, "WARNING", "on Zalo this vote would send about " + b.total() + " messages, over the bot's "
                    + "monthly quota of " + quota + ": messages over it are refused (429 Quota exceeded); move "
                    + "participants to Telegram, or upgrade the Zalo bot's plan");
        }
        if (b.users() > userCap) {
            row(out, "WARNING", "up to " + b.users() + " people may use the Zalo bot, over its cap of " + userCap
                    + " users: give some of them Telegram, or a second Zalo bot's plan");
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
