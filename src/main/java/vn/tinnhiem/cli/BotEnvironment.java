package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vn.tinnhiem.config.ConfigError;
import vn.tinnhiem.config.ConfigException;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.store.RedisUrl;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;

/**
 * What {@code run} and {@code invites} share: the vote definitions and the store, each with a
 * one-line error an operator can act on. Secrets come only from the environment.
 */
final class BotEnvironment {
    static final String DEFAULT_API_URL = "https://api.telegram.org";
    private static final String REDIS_URL_FORMS = "redis://[:password@]host:port/db, or rediss:// for TLS";

    private final Map<String, String> env;

    BotEnvironment(Map<String, String> env) {
        this.env = env;
    }

    String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * A positive whole number from the environment (a Zalo plan's ZALO_MONTHLY_QUOTA or
     * ZALO_USER_CAP), or {@code fallback} when unset; one that is not a number is said on
     * {@code err} and {@code fallback} used.
     */
    long limit(String command, String name, long fallback, java.io.PrintStream err) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Math.max(1, Long.parseLong(v));
        } catch (NumberFormatException e) {
            err.println(command + ": " + name + " is not a number: " + v + "; using " + fallback);
            return fallback;
        }
    }

    String apiUrl() {
        return get("TELEGRAM_API_URL") == null ? DEFAULT_API_URL : get("TELEGRAM_API_URL");
    }

    /** The definitions, or null after printing every error and a summary line. */
    static List<VoteDefinition> definitions(String command, String path, PrintStream err) {
        try {
            return DefinitionLoader.load(Path.of(path));
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error.message());
            }
            err.println(command + ": invalid vote definitions in " + path + " (" + e.errors().size()
                    + " error(s)); nothing started");
            return null;
        }
    }

    /**
     * The bot's username for t.me links, without '@': {@code given} (from --bot), else asked of
     * Telegram with TELEGRAM_BOT_TOKEN. Null after a one-line error.
     */
    String botUsername(String command, String given, PrintStream err) {
        String bot = given;
        if (bot == null && get("TELEGRAM_BOT_TOKEN") == null) {
            err.println(command + ": TELEGRAM_BOT_TOKEN is not set; export it (the links need the bot's username,"
                    + " which the token finds), or pass --bot USERNAME");
            return null;
        }
        if (bot == null) {
            try {
                bot = vn.tinnhiem.telegram.TelegramBot.username(get("TELEGRAM_BOT_TOKEN"), apiUrl());
            } catch (vn.tinnhiem.telegram.TelegramBot.StartupException e) {
                err.println(command + ": " + e.getMessage() + " (or pass --bot USERNAME)");
                return null;
            }
        }
        return bot.startsWith("@") ? bot.substring(1) : bot;
    }

    /**
     * The bots a slip or an invite names: Telegram's username ({@code --bot}, or from
     * TELEGRAM_BOT_TOKEN) and the Zalo bot's account name ({@code --zalo-bot}, or getMe with
     * ZALO_BOT_TOKEN), with a link to the Zalo bot the operator copied from the Zalo Bot Creator.
     * A Zalo bot alone is enough. Null after a one-line error.
     */
    vn.tinnhiem.export.InviteSlips.Bots bots(String command, String telegram, String zaloName, String zaloLink,
            PrintStream err) {
        String tg = null;
        if (telegram != null || get("TELEGRAM_BOT_TOKEN") != null) {
            tg = botUsername(command, telegram, err);
            if (tg == null) {
                return null;
            }
        }
        String zalo = zaloName;
        if (zalo == null && get("ZALO_BOT_TOKEN") != null) {
            try {
                zalo = vn.tinnhiem.zalo.ZaloBot.accountName(get("ZALO_BOT_TOKEN"), get("ZALO_API_URL") == null
                        ? vn.tinnhiem.zalo.ZaloBot.DEFAULT_API_URL : get("ZALO_API_URL"));
            } catch (vn.tinnhiem.zalo.ZaloBot.StartupException e) {
                err.println(command + ": " + e.getMessage() + " (or pass --zalo-bot NAME)");
                return null;
            }
        }
        if (zaloLink != null && !zaloLink.startsWith("https://")) {
            err.println(command + ": --zalo-link must be the https:// link the Zalo Bot Creator shows for the bot");
            return null;
        }
        if (tg == null && zalo == null) {
            err.println(command + ": no bot to name: set TELEGRAM_BOT_TOKEN (or --bot USERNAME) for Telegram,"
                    + " ZALO_BOT_TOKEN (or --zalo-bot NAME) for Zalo, or both");
            return null;
        }
        return new vn.tinnhiem.export.InviteSlips.Bots(tg, zalo, zalo == null ? null : zaloLink);
    }

    /**
     * The one vote a command works on: {@code wanted} by id, or the only vote in
     * {@code config}. Null after a one-line error.
     */
    static VoteDefinition one(String command, String config, List<VoteDefinition> votes, String wanted,
            PrintStream err) {
        if (wanted != null) {
            List<VoteDefinition> found = votes.stream().filter(v -> v.id().equals(wanted)).toList();
            if (found.isEmpty()) {
                err.println(command + ": " + config + " has no vote " + wanted);
                return null;
            }
            return found.get(0);
        }
        if (votes.size() != 1) {
            err.println(command + ": " + config + " holds " + votes.size() + " votes; choose one with --vote ID");
            return null;
        }
        return votes.get(0);
    }

    /**
     * The store: Redis from REDIS_URL, or in memory when asked for explicitly. Null after a
     * one-line error.
     */
    VoteStore store(String command, boolean inMemory, String inMemoryWarning, PrintStream err) {
        if (inMemory) {
            err.println("WARNING: " + inMemoryWarning);
            return new InMemoryVoteStore();
        }
        if (get("REDIS_URL") == null) {
            err.println(command + ": REDIS_URL is not set (" + REDIS_URL_FORMS + "); "
                    + "pass --in-memory for a rehearsal whose ballots a restart loses");
            return null;
        }
        return redis(command, err);
    }

    /**
     * The Redis store the bot used, for a command that only reads what a real vote left
     * (no in-memory fallback to suggest). Null after a one-line error.
     */
    VoteStore redisStore(String command, PrintStream err) {
        if (get("REDIS_URL") == null) {
            err.println(command + ": REDIS_URL is not set; set it to the Redis the bot used (" + REDIS_URL_FORMS + ")");
            return null;
        }
        return redis(command, err);
    }

    private VoteStore redis(String command, PrintStream err) {
        try {
            // Outages reach the flow as StoreUnavailableException: users are told to try again.
            return StoreOutages.translated(RedisVoteStore.fromUrl(get("REDIS_URL"), VoteStore.DEFAULT_DRAFT_TTL));
        } catch (IllegalArgumentException e) {
            err.println(command + ": REDIS_URL is not a Redis URL: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            err.println(command + ": cannot reach Redis at " + redisUrlForHumans() + ": " + e.getClass().getSimpleName());
            return null;
        }
    }

    /** REDIS_URL without its password. */
    String redisUrlForHumans() {
        try {
            return RedisUrl.parse(get("REDIS_URL")).toString();
        } catch (RuntimeException e) {
            return "(unparseable REDIS_URL)";
        }
    }
}
