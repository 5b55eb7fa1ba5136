package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.tinnhiem.config.ConfigError;
import vn.tinnhiem.config.ConfigException;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.chat.Messages;
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
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("PATH",
                        "A vote file (.json) or a folder of them; init makes one from spreadsheets"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        String spreadsheet = spreadsheet(args.get(0));
        if (spreadsheet != null) {
            err.println(spreadsheet);
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
        BotEnvironment environment = new BotEnvironment(env);
        long quota = environment.limit(name(), "ZALO_MONTHLY_QUOTA", ZaloBot.Quota.FREE_PLAN, err);
        long users = environment.limit(name(), "ZALO_USER_CAP", ZaloBot.Quota.FREE_PLAN_USERS, err);
        for (DefinitionLoader.Loaded vote : votes) {
            describe(vote, out);
            zalo(vote.definition(), quota, users, out);
            out.println();
        }
        if (!sameAsFrozen(votes, out, err)) {
            return FAILED;
        }
        out.println(Messages.of(votes.isEmpty() ? Messages.VIETNAMESE : votes.get(0).definition().language())
                .get("checkconfig.ok", votes.size()));
        return OK;
    }

    /**
     * Why {@code path}, a spreadsheet, is not what check-config reads, and how to make what it
     * reads; null for anything else (a vote file, a folder, a missing path: the loader says).
     */
    static String spreadsheet(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(Path.of(path))
                || Stream.of(".xlsx", ".xlsm", ".xls", ".ods", ".csv").noneMatch(name::endsWith)) {
            return null;
        }
        return "check-config: " + path + " is a spreadsheet; check-config reads a vote file (JSON), which init"
                + " makes from the spreadsheets:\n  java -jar tinnhiem.jar init " + (name.endsWith(".csv")
                        ? "--leaders FILE --roster FILE --staff FILE" : "--from " + path) + " --out vote.json"
                + "\nthen: java -jar tinnhiem.jar check-config vote.json";
    }

    /** What the bot would run, in the vote's own language (the labels of the vote file stay as they are). */
    static void describe(DefinitionLoader.Loaded loaded, PrintStream out) {
        VoteDefinition v = loaded.definition();
        Messages m = Messages.of(v.language());
        List<Person> roster = v.roster();
        out.println(v.id() + "  (" + loaded.file() + ")");
        row(out, m.get("checkconfig.title"), v.title());
        row(out, m.get("checkconfig.unit"), v.unit().isEmpty() ? "-" : v.unit());
        row(out, m.get("checkconfig.rulebook"), m.get(v.rulebook().denominatorKind() == Rulebook.Denominator.RETURNED
                ? "checkconfig.rulebook.returned" : "checkconfig.rulebook.summoned", v.rulebook().id())
                + v.rulebook().supersededBy().map(r -> m.get("checkconfig.rulebook.superseded", r.id(),
                        v.rulebook().id())).orElse(""));
        row(out, m.get("checkconfig.address"), v.address() == null
                ? m.get("checkconfig.address.default", v.rulebook().defaultAddress()) : v.address());
        row(out, m.get("checkconfig.language"), v.language().toLanguageTag());
        row(out, m.get("checkconfig.leaders"), String.valueOf(v.leaderCount()));
        for (int i = 0; i < v.leaderCount(); i++) {
            Leader l = v.leaders().get(i);
            row(out, "", (i + 1) + ". " + l.fullName() + ", " + l.position() + "  [" + l.id() + "]");
        }
        row(out, m.get("checkconfig.summoned"), m.get("checkconfig.summoned.value", String.valueOf(roster.size()),
                String.valueOf(quorum(roster.size()))));
        row(out, m.get("checkconfig.recognised"), m.get("checkconfig.recognised.value",
                String.valueOf(count(roster, p -> RosterFields.telegramId(p) != null)),
                String.valueOf(count(roster, p -> RosterFields.telegramUsername(p) != null)),
                String.valueOf(count(roster, p -> RosterFields.phone(p) != null)),
                String.valueOf(count(roster, p -> RosterFields.zaloId(p) != null)),
                String.valueOf(roster.stream().filter(InviteRule::needsCode).count())));
        row(out, m.get("checkconfig.organisers"), v.organisers().size() + ": " + v.organisers().stream()
                .map(o -> o.name() + alsoParticipant(o, roster, m)).collect(Collectors.joining(", ")));
        row(out, m.get("checkconfig.supervisors"), v.supervisors().size() + (v.supervisors().isEmpty() ? "" : ": "
                + v.supervisors().stream().map(Person::name).collect(Collectors.joining(", "))));
        row(out, m.get("checkconfig.deadline"), deadline(v.deadline(), m));
        row(out, m.get("checkconfig.results"), m.get(v.announceToParticipants()
                ? "checkconfig.results.all" : "checkconfig.results.staff"));
        // What the minutes will carry, so nobody opens the JSON to check them.
        MinutesSetting minutes = v.minutes();
        row(out, m.get("checkconfig.conference"), minutes.conference() == null ? "-" : minutes.conference());
        row(out, m.get("checkconfig.place"), minutes.place() == null ? "-" : minutes.place());
        row(out, m.get("checkconfig.heading"), m.get("checkconfig.heading." + minutes.heading().id()));
        row(out, m.get("checkconfig.committee"), minutes.committee().isEmpty() ? "-" : minutes.committee().size()
                + ": " + minutes.committee().stream().map(c -> c.name() + " (" + c.role() + ")")
                        .collect(Collectors.joining(", ")));
        row(out, m.get("checkconfig.fingerprint"), "sha256:" + v.fingerprint());
        for (String note : pinnedNotes(v, m)) {
            row(out, m.get("checkconfig.pinned"), note);
        }
        for (String warning : usernameOnlyStaff(v, m)) {
            row(out, m.get("checkconfig.warning"), warning);
        }
        Set<String> same = Person.sameNames(roster);
        for (Person p : roster) {
            if (same.contains(p.name().toLowerCase(Locale.ROOT))) {
                row(out, m.get("checkconfig.warning"), m.get("checkconfig.samename", p.id(), p.label(same)));
            }
        }
        for (Person p : java.util.stream.Stream.concat(v.organisers().stream(), v.supervisors().stream()).toList()) {
            if (p.identities().isEmpty()) {
                row(out, m.get("checkconfig.staffcode"), m.get("checkconfig.staffcode.value", p.id(), p.name()));
            }
        }
    }

    /**
     * The vote's Zalo messages, estimated as the bot would send them, against the bot's monthly
     * quota and its users a bot; a WARNING when the vote would exceed either.
     */
    static void zalo(VoteDefinition v, long quota, long userCap, PrintStream out) {
        Messages m = Messages.of(v.language());
        ZaloBudget b = ZaloBudget.of(v);
        if (b.users() == 0) {
            row(out, "zalo", m.get("checkconfig.zalo.nobody"));
            return;
        }
        row(out, "zalo", m.get("checkconfig.zalo.value", String.valueOf(b.participants()),
                String.valueOf(b.withZaloId()), String.valueOf(b.staff()), String.valueOf(b.total()),
                String.valueOf(b.perParticipant()), String.valueOf(b.ballotMessages()),
                String.valueOf(b.reviewMessages()))
                + (v.announceToParticipants() ? m.get("checkconfig.zalo.results", String.valueOf(b.resultMessages()))
                        : "")
                + m.get("checkconfig.zalo.plan", String.valueOf(quota), String.valueOf(userCap)));
        if (b.total() > quota) {
            row(out, m.get("checkconfig.warning"), m.get("checkconfig.zalo.overquota", String.valueOf(b.total()),
                    String.valueOf(quota)));
        }
        if (b.users() > userCap) {
            row(out, m.get("checkconfig.warning"), m.get("checkconfig.zalo.overcap", String.valueOf(b.users()),
                    String.valueOf(userCap)));
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
    static List<String> pinnedNotes(VoteDefinition v, Messages m) {
        List<String> out = new java.util.ArrayList<>();
        for (var list : List.of(java.util.Map.entry("checkconfig.role.participant", v.roster()),
                java.util.Map.entry("checkconfig.role.organiser", v.organisers()),
                java.util.Map.entry("checkconfig.role.supervisor", v.supervisors()))) {
            for (Person p : list.getValue()) {
                if (!p.pinned() || p.matchable().size() == p.identities().size()) {
                    continue;
                }
                String ids = p.matchable().stream().map(RosterFields::field)
                        .collect(Collectors.joining(" " + m.get("checkconfig.or") + " "));
                String ignored = p.identities().stream().filter(i -> !p.matchable().contains(i))
                        .map(i -> RosterFields.field(i) + " " + (i.kind().equals(vn.tinnhiem.core.Identity.USERNAME)
                                ? "@" + i.value() : i.value()))
                        .collect(Collectors.joining(", "));
                out.add(m.get("checkconfig.pinned.value", m.get(list.getKey()), p.id(), p.name(), ids, ignored));
            }
        }
        return out;
    }

    /**
     * Organisers and supervisors recognised by a Telegram username alone. Usernames change
     * hands: whoever takes a released username would be recognised as this organiser or
     * supervisor. A numeric id never changes.
     */
    static List<String> usernameOnlyStaff(VoteDefinition v, Messages m) {
        List<String> out = new java.util.ArrayList<>();
        for (var list : List.of(java.util.Map.entry("organiser", v.organisers()),
                java.util.Map.entry("supervisor", v.supervisors()))) {
            for (Person p : list.getValue()) {
                if (p.usernameOnly()) {
                    out.add(m.get("checkconfig.usernameonly", m.get("checkconfig.role." + list.getKey()), p.id(),
                            p.name(), RosterFields.telegramUsername(p)));
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
        out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
    }

    private static long count(List<Person> people, Predicate<Person> test) {
        return people.stream().filter(test).count();
    }

    private static String alsoParticipant(Person organiser, List<Person> roster, Messages m) {
        return roster.stream().filter(p -> sameSomewhere(organiser, p))
                .findFirst().map(p -> " " + m.get("checkconfig.alsoparticipant", p.id())).orElse("");
    }

    private static boolean sameSomewhere(Person a, Person b) {
        return a.identities().stream().anyMatch(b::has);
    }

    private static String deadline(Instant deadline, Messages m) {
        if (deadline == null) {
            return m.get("checkconfig.deadline.none");
        }
        String text = m.get("checkconfig.deadline.at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(deadline.atZone(VIETNAM)));
        return deadline.isBefore(Instant.now()) ? m.get("checkconfig.deadline.passed", text) : text;
    }
}
