package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.export.InviteSlips;

/**
 * {@code invites --config PATH}: the one-time invite code and Telegram deep link of each
 * participant the roster cannot match otherwise ({@link InviteRule#needsCode}), for organisers
 * to hand out; {@code --person ID} asks for one entry's code whatever its contacts (recorded
 * in the audit log). Codes are kept in the store (REDIS_URL) so the running bot accepts them;
 * asking again shows the same unused codes.
 */
public final class InvitesCommand implements Command {
    private final Map<String, String> env;

    public InvitesCommand() {
        this(System.getenv());
    }

    InvitesCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "invites";
    }

    @Override
    public String arguments() {
        return "--config PATH [--bot USERNAME] [--zalo-bot NAME] [--staff] [--person ID[,ID...]] [--in-memory]";
    }

    @Override
    public String summary() {
        return "Print the invite code and t.me deep link of each participant who needs one (needs REDIS_URL)";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files"),
                new OptionHelp("--bot USERNAME",
                        "The Telegram bot for the t.me links (else asked of TELEGRAM_BOT_TOKEN)"),
                new OptionHelp("--zalo-bot NAME",
                        "The Zalo bot's account name for the slips (else asked of ZALO_BOT_TOKEN)"),
                new OptionHelp("--staff",
                        "Codes for organisers and supervisors, who take their role by typing one"),
                new OptionHelp("--person ID[,ID...]",
                        "Only these roster entries, whatever their contacts (audited)"),
                new OptionHelp("--in-memory",
                        "Try it out without Redis: the bot will not know these codes"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--bot", "--person", "--zalo-bot"),
                Set.of("--in-memory", "--staff"));
        String config = options.get("--config");
        if (options.error() != null || config == null) {
            options.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        String bot = options.get("--bot");
        boolean inMemory = options.has("--in-memory");
        BotEnvironment environment = new BotEnvironment(env);
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        vn.tinnhiem.export.InviteSlips.Bots bots = environment.bots(name(), bot, options.get("--zalo-bot"), null, err);
        if (bots == null) {
            return FAILED;
        }
        bot = bots.telegram();
        boolean staff = options.has("--staff");
        try (VoteStore store = environment.store(name(), inMemory,
                "--in-memory: these codes live only as long as this command; the bot will not know them", err)) {
            if (store == null) {
                return FAILED;
            }
            // --person p01,p02: several entries at once, each in whichever vote lists it
            // (organisers and supervisors with --staff).
            List<String> persons = Invitations.ids(options.get("--person"));
            java.util.function.BiPredicate<VoteDefinition, String> lists = staff
                    ? (v, id) -> java.util.stream.Stream.concat(v.organisers().stream(), v.supervisors().stream())
                            .anyMatch(p -> p.id().equals(id))
                    : (v, id) -> v.participant(id).isPresent();
            if (persons != null) {
                List<VoteDefinition> all = votes;
                List<String> unknown = persons.stream()
                        .filter(id -> all.stream().noneMatch(v -> lists.test(v, id))).toList();
                if (persons.isEmpty() || !unknown.isEmpty()) {
                    err.println(name() + ": no " + (staff ? "organiser or supervisor" : "participant") + " with id "
                            + String.join(", ", unknown) + " in " + config);
                    return FAILED;
                }
                votes = votes.stream().filter(v -> persons.stream().anyMatch(id -> lists.test(v, id))).toList();
            }
            Codes codes = new Codes();
            for (VoteDefinition vote : votes) {
                List<Invitations.Invite> invites;
                try {
                    List<String> asked = persons == null ? null : persons.stream()
                            .filter(id -> lists.test(vote, id)).toList();
                    invites = staff ? Invitations.issueStaff(store, vote, asked, codes)
                            : Invitations.issue(store, vote, asked, codes, Clock.systemUTC());
                } catch (Invitations.Refused e) {
                    err.println(name() + ": " + e.getMessage());
                    return FAILED;
                }
                out.println(vote.id() + ": " + vote.title());
                for (Invitations.Invite invite : invites) {
                    String code = invite.code();
                    out.println("  " + invite.person().id() + "\t" + invite.person().name() + "\t"
                            + (code == null ? "(checked in or code used)"
                                    : Codes.grouped(code) + (bot == null ? "" : "\t" + InviteSlips.deepLink(bot, code))
                                    + (bots.zaloName() == null ? "" : "\tZalo: " + bots.zaloName())));
                }
                if (persons == null && !staff) {
                    long checkedIn = vote.roster().stream().filter(InviteRule::needsCode).count() - invites.size();
                    out.println("  (" + (vote.roster().size() - invites.size() - checkedIn)
                            + " more recognised by a Telegram or Zalo id, a Telegram username or a phone: no code)");
                    if (checkedIn > 0) {
                        out.println("  (" + checkedIn + " checked in already: no code; ask with --person ID if one"
                                + " must check in again from another account)");
                    }
                }
                out.println();
            }
        }
        return OK;
    }
}
