package vn.tinnhiem.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.export.InviteSlips;

/**
 * {@code slips --config PATH --out FILE.pdf}: the invite codes of {@code invites} on paper, one
 * slip per participant who needs a code ({@link InviteRule#needsCode}), or for the one entry
 * asked for with {@code --person ID}. The codes live in the store (REDIS_URL), so the bot
 * accepts them and printing again prints the same codes; entries that have checked in get no
 * slip.
 */
public final class SlipsCommand implements Command {
    private final Map<String, String> env;

    public SlipsCommand() {
        this(System.getenv());
    }

    SlipsCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "slips";
    }

    @Override
    public String arguments() {
        return "--config PATH --out FILE.pdf [--bot USERNAME] [--zalo-bot NAME] [--zalo-link URL] [--staff] [--vote ID]"
                + " [--person ID[,ID...]] [--lang vi|en] [--in-memory]";
    }

    @Override
    public String summary() {
        return "Print invite slips, or staff slips (--staff): A4 PDF, code, QR code (needs REDIS_URL)";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files"),
                new OptionHelp("--out FILE.pdf",
                        "The PDF to write"),
                new OptionHelp("--bot USERNAME",
                        "The Telegram bot for the QR codes (else asked of TELEGRAM_BOT_TOKEN)"),
                new OptionHelp("--zalo-bot NAME",
                        "The Zalo bot's account name on the slips (else asked of ZALO_BOT_TOKEN)"),
                new OptionHelp("--zalo-link URL",
                        "The Zalo bot's link, copied from Zalo Bot Creator, for a QR code"),
                new OptionHelp("--staff",
                        "Slips for organisers and supervisors, who take their role by typing the code"),
                new OptionHelp("--vote ID",
                        "Which vote, when --config holds several"),
                new OptionHelp("--person ID[,ID...]",
                        "Only these roster entries, whatever their contacts (audited)"),
                new OptionHelp("--lang vi|en",
                        "The slips' language (default: the vote's)"),
                new OptionHelp("--in-memory",
                        "Try it out without Redis: the bot will not know these codes"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--out", "--bot", "--vote", "--person", "--lang",
                "--zalo-bot", "--zalo-link"), Set.of("--in-memory", "--staff"));
        String config = options.get("--config");
        String file = options.get("--out");
        String lang = options.get("--lang");
        if (options.error() != null || config == null || file == null
                || (lang != null && !lang.equals("vi") && !lang.equals("en"))) {
            options.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        VoteDefinition vote = BotEnvironment.one(name(), config, votes, options.get("--vote"), err);
        if (vote == null) {
            return FAILED;
        }
        BotEnvironment environment = new BotEnvironment(env);
        // A Zalo bot alone will do: a unit may run on Zalo only.
        InviteSlips.Bots bot = environment.bots(name(), options.get("--bot"), options.get("--zalo-bot"),
                options.get("--zalo-link"), err);
        if (bot == null) {
            return FAILED;
        }
        Locale language = lang == null ? vote.language() : Locale.forLanguageTag(lang);
        vn.tinnhiem.core.chat.Messages m = vn.tinnhiem.core.chat.Messages.of(language);
        try (VoteStore store = environment.store(name(), options.has("--in-memory"),
                "--in-memory: these codes live only as long as this command; the bot will not know them", err)) {
            if (store == null) {
                return FAILED;
            }
            boolean staff = options.has("--staff");
            List<String> persons = Invitations.ids(options.get("--person"));
            List<InviteSlips.Slip> slips = (staff ? Invitations.issueStaff(store, vote, persons, new Codes())
                    : Invitations.issue(store, vote, persons, new Codes(), Clock.systemUTC())).stream()
                    .filter(i -> i.code() != null)
                    .map(i -> new InviteSlips.Slip(i.person().name(), i.code(), !staff ? null
                            : m.get(vote.organisers().contains(i.person()) ? "role.organiser" : "role.supervisor")))
                    .toList();
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.write(path, InviteSlips.render(vote, slips, bot, language));
            out.println(path + ": " + slips.size() + (staff ? " staff" : "") + " slip(s) for " + vote.id()
                    + (bot.zaloName() != null && bot.zaloLink() == null ? "; Zalo: no link to the bot (the slips name"
                            + " the account «" + bot.zaloName() + "»; --zalo-link takes the one the Zalo Bot Creator"
                            + " shows)" : ""));
            return OK;
        } catch (Invitations.Refused e) {
            err.println(name() + ": " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println(name() + ": cannot write " + file + ": " + e.getMessage());
            return FAILED;
        }
    }
}
