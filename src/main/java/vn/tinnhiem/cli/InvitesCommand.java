package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.telegram.TelegramBot;

/**
 * {@code invites --config PATH}: each participant's one-time invite code and Telegram deep
 * link, for organisers to hand out (or send) to people the roster cannot match otherwise.
 * Codes are kept in the store (REDIS_URL) so the running bot accepts them; asking again shows
 * the same unused codes.
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
        return "--config PATH [--bot USERNAME] [--in-memory]";
    }

    @Override
    public String summary() {
        return "Print each participant's one-time invite code and t.me deep link (needs REDIS_URL)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--bot"), Set.of("--in-memory"));
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
        if (bot == null && environment.get("TELEGRAM_BOT_TOKEN") == null) {
            err.println(name() + ": TELEGRAM_BOT_TOKEN is not set; export it (the links need the bot's username,"
                    + " which the token finds), or pass --bot USERNAME");
            return FAILED;
        }
        if (bot == null) {
            try {
                bot = TelegramBot.username(environment.get("TELEGRAM_BOT_TOKEN"), environment.apiUrl());
            } catch (TelegramBot.StartupException e) {
                err.println(name() + ": " + e.getMessage() + " (or pass --bot USERNAME)");
                return FAILED;
            }
        }
        bot = bot.startsWith("@") ? bot.substring(1) : bot;
        try (VoteStore store = environment.store(name(), inMemory,
                "--in-memory: these codes live only as long as this command; the bot will not know them", err)) {
            if (store == null) {
                return FAILED;
            }
            Codes codes = new Codes();
            for (VoteDefinition vote : votes) {
                Map<String, String> proposed = new LinkedHashMap<>();
                for (Person p : vote.roster()) {
                    proposed.put(p.id(), codes.invite());
                }
                Map<String, String> issued = store.issueInvites(vote.id(), proposed);
                out.println(vote.id() + ": " + vote.title());
                for (Person p : vote.roster()) {
                    String code = issued.get(p.id());
                    out.println("  " + p.id() + "\t" + p.name() + "\t"
                            + (code == null ? "(checked in or code used)" : code + "\thttps://t.me/" + bot + "?start=" + code));
                }
                out.println();
            }
        }
        return OK;
    }
}
