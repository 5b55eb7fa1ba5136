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
        return "--config PATH [--bot USERNAME] [--person ID] [--in-memory]";
    }

    @Override
    public String summary() {
        return "Print the invite code and t.me deep link of each participant who needs one (needs REDIS_URL)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--bot", "--person"),
                Set.of("--in-memory"));
        String config = options.get("--config");
        if (options.error() != null || config == null) {
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
        bot = environment.botUsername(name(), bot, err);
        if (bot == null) {
            return FAILED;
        }
        try (VoteStore store = environment.store(name(), inMemory,
                "--in-memory: these codes live only as long as this command; the bot will not know them", err)) {
            if (store == null) {
                return FAILED;
            }
            String person = options.get("--person");
            if (person != null) {
                votes = votes.stream().filter(v -> v.participant(person).isPresent()).toList();
                if (votes.isEmpty()) {
                    err.println(name() + ": no participant with id " + person + " in " + config);
                    return FAILED;
                }
            }
            Codes codes = new Codes();
            for (VoteDefinition vote : votes) {
                List<Invitations.Invite> invites;
                try {
                    invites = Invitations.issue(store, vote, person, codes, Clock.systemUTC());
                } catch (Invitations.Refused e) {
                    err.println(name() + ": " + e.getMessage());
                    return FAILED;
                }
                out.println(vote.id() + ": " + vote.title());
                for (Invitations.Invite invite : invites) {
                    String code = invite.code();
                    out.println("  " + invite.person().id() + "\t" + invite.person().name() + "\t"
                            + (code == null ? "(checked in or code used)"
                                    : Codes.grouped(code) + "\t" + InviteSlips.deepLink(bot, code)));
                }
                if (person == null) {
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
