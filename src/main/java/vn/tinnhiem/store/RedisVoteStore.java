package vn.tinnhiem.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.BallotCopy;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotMachine;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.FrozenDefinition;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * The {@link VoteStore} on Redis, through a Jedis {@link UnifiedJedis} made by
 * {@link RedisConnection}: one server, a Redis Cluster or a master behind Sentinel.
 *
 * <p><b>Keys.</b> Everything of vote {@code v} sits under the hash tag {@code {v}}, so a vote
 * lives in one cluster slot and a Lua script may touch all of it:
 * <pre>
 *   tn:{v}:state         string   DRAFT (absent) | OPEN | CLOSED
 *   tn:{v}:links         hash     person id → account
 *   tn:{v}:accounts      hash     account → person id
 *   tn:{v}:invites       hash     person id → unused invite code
 *   tn:{v}:invite-of     hash     invite code → person id
 *   tn:{v}:draft:&lt;pid&gt;   string   "&lt;version&gt;|&lt;cursor&gt;:&lt;choices&gt;", expires after the draft TTL
 *   tn:{v}:drafts        set      person ids that may hold a draft (so close can delete them)
 *   tn:{v}:voted         hash     person id → receipt        (who voted: no choices)
 *   tn:{v}:counts        hash     "&lt;leader id&gt;:H|M|L|B" → n  (what was voted: no persons)
 *   tn:{v}:audit         list     encoded {@link AuditEntry} lines, oldest first
 *   tn:{v}:ballot-msg    hash     person id → record of the ballot copies ({@link vn.tinnhiem.core.BallotCopy}; no choices)
 *   tn:{v}:announcing    string   token of the process announcing the results; expires (a lease)
 *   tn:{v}:announced     string   "1" once the results went out (with the audit's "announced" line)
 *   tn:{v}:frozen        string   what /open froze of the definition ({@link FrozenDefinition#encode}), set with OPEN
 * </pre>
 * ({@code tn} is the bot's namespace; the sandbox's Redis mode uses {@link #SANDBOX_NAMESPACE}.)
 * Drafts are the only keys that pair a person with choices; {@code submit} and
 * {@code closeVote} delete them in the same script that counts or closes.
 *
 * <p><b>Order.</b> Small hashes keep their fields in insertion order, and RDB files, AOF
 * rewrites and replicas copy it. So the first submit creates every count field at zero in a
 * fixed order (leaders in ballot order, then H, M, L, B), and the close script rewrites
 * {@code voted}, {@code links} and {@code accounts} in sorted order, before
 * {@link #compactHistory} rewrites the append-only file: after close no key lists
 * participants in the order they submitted or checked in.
 *
 * <p><b>Atomicity.</b> Each state change is one Lua script (see {@code src/main/resources/redis}),
 * so no other client sees half of it. The ballot logic itself stays in Java
 * ({@link BallotMachine}); the ballot script ({@code ballot.lua}) is a compare-and-set on the
 * draft's version with everything a press needs around it: the account's roster entry, the
 * ballot copy check and adoption ({@link vn.tinnhiem.core.BallotCopy}), the guards (vote open,
 * participant not voted) and, for a Submit, the count.
 *
 * <p><b>Round trips.</b> A press of the bot ({@link #pressBallot}), Submit included, is one
 * round trip in the steady state. The ballot machine runs on the last draft this process saw for
 * the participant ({@link DraftCache}), or on an empty ballot when it saw none (right for
 * everyone's first press); the script checks that draft is still the stored one, for a write and
 * for a refusal alike, and otherwise returns the stored draft, on which the press is tried again
 * (a second round trip). So the cache never decides a press: a draft another process changed
 * (a replica, another adapter) costs one more round trip, never a refused valid press. Entries
 * are dropped at submit, at close and when the draft's TTL would have run out.
 * A check-in ({@link #arrive}: the link, the state, the receipt or the draft, the ballot copy
 * reserved) is one round trip too, and the report of its ballot copy ({@link #recordBallotCopy})
 * another.
  */
public final class RedisVoteStore implements VoteStore {
    private static final Logger log = LoggerFactory.getLogger(RedisVoteStore.class);

    /** Pool size for {@link #fromUrl}: the update handlers, and the outbox workers recording ballot copies sent. */
    private static final int POOL_SIZE = 80;
    /**
     * Connect and read timeouts for {@link #fromUrl}. A press must never hang: Redis answers a
     * script in well under a millisecond, so 2 s without an answer means it is gone or paused,
     * and the user is better told to try again.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * How often the pool checks its idle connections with a PING. After Redis restarts, every
     * idle connection is dead; these checks (and {@link #dropIdleConnections} on the first
     * failure) keep the store from handing them out one failed press at a time.
     */
    static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    /** How long {@link #compactHistory} waits for Redis to rewrite its append-only file. */
    static final Duration REWRITE_WAIT = Duration.ofSeconds(60);
    /** Compare-and-set attempts for one press; only the same participant pressing concurrently conflicts. */
    private static final int MAX_PRESS_ATTEMPTS = 8;
    /** Reads of the drafts set for one close; presses race with it only until the vote is closed. */
    private static final int MAX_CLOSE_ATTEMPTS = 20;

    private static final LuaScript BALLOT = LuaScript.resource("ballot");
    private static final LuaScript OPEN = LuaScript.resource("open");
    private static final LuaScript CLOSE = LuaScript.resource("close");
    private static final LuaScript LINK = LuaScript.resource("link");
    private static final LuaScript INVITES = LuaScript.resource("invites");
    private static final LuaScript BALLOT_MESSAGE = LuaScript.resource("ballot-message");
    private static final LuaScript CHECK_IN = LuaScript.resource("check-in");
    private static final LuaScript BALLOT_DELIVERED = LuaScript.resource("ballot-delivered");
    private static final LuaScript CLAIM_ANNOUNCEMENT = LuaScript.resource("claim-announcement");
    private static final LuaScript RECORD_ANNOUNCED = LuaScript.resource("record-announced");

    private final UnifiedJedis redis;
    /** Where {@link #redis} comes from, and every node behind it (for compaction and checks). */
    private final RedisConnection connection;
    private final boolean ownsClient;
    private final long draftTtlMillis;
    private final DraftCache cache;
    /** The first part of every key: {@link #NAMESPACE} for the bot, another for rehearsals. */
    private final String namespace;

    /** The bot's key namespace: {@code tn:{vote}:…}. */
    public static final String NAMESPACE = "tn";
    /**
     * The sandbox's key namespace ({@code sandbox --redis}): a rehearsal never reads or writes a
     * key of a real vote, even for a vote of the same id on the same Redis.
     */
    public static final String SANDBOX_NAMESPACE = "tn-sandbox";

    /** A store on a one-server client the caller owns (and closes). */
    public RedisVoteStore(UnifiedJedis redis, Duration draftTtl) {
        this(RedisConnection.of(redis), draftTtl, false, NAMESPACE);
    }

    private RedisVoteStore(RedisConnection connection, Duration draftTtl, boolean ownsClient, String namespace) {
        if (draftTtl.isNegative() || draftTtl.isZero()) {
            throw new IllegalArgumentException("draft TTL must be positive");
        }
        if (!namespace.matches("[a-z][a-z-]{0,15}")) {
            throw new IllegalArgumentException("key namespace must be 1-16 of a-z and -");
        }
        this.namespace = namespace;
        this.connection = connection;
        this.redis = connection.client();
        this.ownsClient = ownsClient;
        this.draftTtlMillis = draftTtl.toMillis();
        this.cache = new DraftCache();
        for (LuaScript script : List.of(BALLOT, OPEN, CLOSE, LINK, INVITES, BALLOT_MESSAGE, CHECK_IN,
                BALLOT_DELIVERED, CLAIM_ANNOUNCEMENT, RECORD_ANNOUNCED)) {
            load(script);
        }
    }

    /**
     * SCRIPT LOAD on every master, so the first EVALSHA already hits (a cluster client sends
     * SCRIPT LOAD to one node only; a master without the script loads it on its first NOSCRIPT).
     */
    private void load(LuaScript script) {
        if (connection.mode() == RedisUrl.Mode.CLUSTER) {
            connection.forEachNode("loading the scripts", node -> script.load(node));
        } else {
            script.load(redis);
        }
    }

    /** A store on its own connection pool to {@code REDIS_URL}; closing the store closes the pool. */
    public static RedisVoteStore fromUrl(String redisUrl, Duration draftTtl) {
        return fromUrl(redisUrl, draftTtl, NAMESPACE);
    }

    /**
     * As {@link #fromUrl(String, Duration)}, with every key under {@code namespace} instead of
     * the bot's. Any form of {@code REDIS_URL} (one server, cluster, Sentinel: {@link RedisUrl}).
     */
    public static RedisVoteStore fromUrl(String redisUrl, Duration draftTtl, String namespace) {
        RedisConnection connection = RedisConnection.open(redisUrl,
                new RedisConnection.Settings("tinnhiem", POOL_SIZE, TIMEOUT, IDLE_CHECK));
        RedisVoteStore store;
        try {
            store = new RedisVoteStore(connection, draftTtl, true, namespace);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        if (namespace.equals(NAMESPACE)) {
            store.warnIfNotDurable();
        }
        return store;
    }

    /**
     * Logs a warning for each Redis node (every master and replica) on which a process killed
     * now (a crash, {@code kill -9}, the OOM killer) could lose ballots already confirmed: no
     * append-only file, or {@code appendfsync} other than {@code always}. With {@code everysec}
     * Redis replies before it writes the file while the previous second's fsync still runs (a
     * busy disk), holding writes back for up to 2 s (issue 11, item 8). A replica counts too:
     * it may become the master. A Redis that refuses CONFIG GET (an ACL, a renamed command) is
     * not checked; the log says so.
     */
    void warnIfNotDurable() {
        connection.forEachNode("the durability check", node -> {
            Map<String, String> config;
            try {
                config = node.configGet("append*");
            } catch (JedisDataException refused) {
                log.info("Redis {} refused CONFIG GET ({}): could not check that it runs with appendonly yes and "
                        + "appendfsync always, as a real vote needs", node.address(), refused.getMessage());
                return;
            }
            String appendOnly = config.getOrDefault("appendonly", "?");
            String fsync = config.getOrDefault("appendfsync", "?");
            if (!appendOnly.equals("yes") || !fsync.equals("always")) {
                log.warn("Redis {} runs with appendonly {} and appendfsync {}: if its process dies, ballots it has "
                        + "already confirmed can be lost. For a real vote set appendonly yes and appendfsync always "
                        + "(CONFIG SET appendfsync always, and in redis.conf)", node.address(), appendOnly, fsync);
            }
        });
    }

    // ---- keys ----

    private Keys keys(String voteId) {
        return Keys.of(namespace, voteId);
    }

    /** The keys of one vote. */
    private record Keys(String state, String links, String accounts, String invites, String inviteOf,
                        String draftPrefix, String drafts, String voted, String counts, String audit,
                        String staff, String ballotMessages, String announcing, String announced, String frozen) {
        static Keys of(String namespace, String voteId) {
            if (voteId.indexOf('{') >= 0 || voteId.indexOf('}') >= 0) {
                // A brace would change the hash tag and scatter the vote over slots.
                throw new IllegalArgumentException("vote id must not contain braces");
            }
            String p = namespace + ":{" + voteId + "}:";
            return new Keys(p + "state", p + "links", p + "accounts", p + "invites", p + "invite-of",
                    p + "draft:", p + "drafts", p + "voted", p + "counts", p + "audit", p + "staff",
                    p + "ballot-msg", p + "announcing", p + "announced", p + "frozen");
        }

        String draft(String personId) {
            return draftPrefix + personId;
        }
    }

    // ---- the vote's life ----

    @Override
    public VoteState state(String voteId) {
        String s = redis.get(keys(voteId).state());
        return s == null ? VoteState.DRAFT : VoteState.valueOf(s);
    }

    @Override
    public Outcomes.Transition openVote(String voteId, FrozenDefinition frozen, Instant at) {
        Keys k = keys(voteId);
        String line = new AuditEntry(at, "opened", "sha256=" + frozen.fingerprint()).encode();
        return Outcomes.Transition.valueOf(str(OPEN.run(redis, List.of(k.state(), k.audit(), k.frozen()),
                List.of(line, frozen.encode()))));
    }

    @Override
    public Optional<String> degradation() {
        return connection.degradation();
    }

    @Override
    public Optional<FrozenDefinition> frozen(String voteId) {
        String stored = redis.get(keys(voteId).frozen());
        return stored == null ? Optional.empty() : Optional.of(FrozenDefinition.decode(stored));
    }

    @Override
    public Outcomes.Transition closeVote(String voteId, Instant at, String auditDetail) {
        Keys k = keys(voteId);
        String line = new AuditEntry(at, "closed", auditDetail).encode();
        // Each draft key goes in KEYS (a cluster routes and checks scripts by their keys), so
        // the set is read first; the script says RETRY if a draft appeared in between.
        for (int attempt = 1; ; attempt++) {
            List<String> keys = new ArrayList<>(List.of(k.state(), k.drafts(), k.audit(), k.voted(), k.links(),
                    k.accounts()));
            for (String person : redis.smembers(k.drafts())) {
                keys.add(k.draft(person));
            }
            String reply = str(CLOSE.run(redis, keys, List.of(line, k.draftPrefix())));
            if (!reply.equals("RETRY")) {
                cache.forgetVote(voteId);
                return Outcomes.Transition.valueOf(reply);
            }
            if (attempt == MAX_CLOSE_ATTEMPTS) {
                throw new IllegalStateException("drafts kept appearing while closing vote " + voteId);
            }
        }
    }

    /**
     * At close, on every Redis node (each master and each replica: a replica's files and slow
     * log hold the same history): SLOWLOG RESET, then, when the append-only file is on,
     * BGREWRITEAOF and a wait for it to finish, so the files on disk hold the data as it is
     * now (voters apart from counts, no drafts) instead of the commands that built it. Redis 7
     * deletes the old increment files once the rewrite is done. The rewrite is bounded by
     * {@link #REWRITE_WAIT} per node; a Redis that refuses the commands (renamed or forbidden
     * by ACL), or a node that cannot be reached, is reported in the log, with what the
     * operator should run instead.
     */
    @Override
    public void compactHistory(String voteId) {
        keys(voteId);
        if (!namespace.equals(NAMESPACE)) {
            // A rehearsal (sandbox --redis) on a Redis that may serve a real vote: SLOWLOG RESET
            // and BGREWRITEAOF act on the whole server, so a rehearsal leaves them to the bot.
            log.info("rehearsal {} closed: the server-wide slow log and append-only file are left as they are", voteId);
            return;
        }
        forgetWhenAccountsActed(voteId);
        connection.forEachNode("compacting the history of vote " + voteId, node -> compactHistory(node, voteId));
    }

    /**
     * What the replicas' shared state keeps of when each account of the vote last acted: the
     * number of its last Telegram update ({@code tn:turn:{account}:last}), the Zalo message ids
     * handled ({@code tn:handled:zalo:{account}}), both deleted, and the expiry of its language
     * note ({@code tn:lang:account}), reset for all at once. Update numbers and expiry times
     * follow the order in which people acted, and so the order in which they submitted (issue
     * 18, item 3). In sorted order of account, before the append-only file is rewritten.
     */
    private void forgetWhenAccountsActed(String voteId) {
        if (!namespace.equals(NAMESPACE)) {
            return; // the replicas' shared state is the bot's; a rehearsal has none
        }
        Keys k = keys(voteId);
        java.util.SortedSet<String> accounts = new java.util.TreeSet<>(redis.hkeys(k.accounts()));
        accounts.addAll(redis.hvals(k.staff()));
        List<String> all = List.copyOf(accounts);
        try {
            for (int from = 0; from < all.size(); from += 500) {
                try (AbstractPipeline p = redis.pipelined()) {
                    for (String account : all.subList(from, Math.min(all.size(), from + 500))) {
                        RedisAccountTurns.forget(p, account);
                        RedisHandledUpdates.forget(p, RedisHandledUpdates.ZALO, account);
                        RedisLanguageNotes.level(p, account);
                    }
                    p.sync();
                }
            }
        } catch (RuntimeException e) {
            // The next /close (or the periodic tick's) compacts again.
            log.warn("could not forget when the accounts of vote {} last acted ({}): close it again with /close",
                    voteId, e.toString());
        }
    }

    private void compactHistory(RedisConnection.Node node, String voteId) {
        try {
            node.send(Protocol.Command.SLOWLOG, "RESET");
        } catch (JedisDataException e) {
            log.warn("Redis {} refused SLOWLOG RESET ({}); its slow log may still hold press arguments of vote {}: "
                    + "run SLOWLOG RESET on the server", node.address(), e.getMessage(), voteId);
        }
        Map<String, String> persistence = node.infoFields("persistence");
        if (!"1".equals(persistence.get("aof_enabled"))) {
            return;
        }
        long deadline = System.nanoTime() + REWRITE_WAIT.toNanos();
        // A rewrite already running started from data of before the close: let it end, then start ours.
        persistence = awaitNoRewrite(node, deadline);
        if (persistence == null) {
            log.warn("an append-only file rewrite was still running on Redis {} {} s after closing vote {}; "
                    + "run BGREWRITEAOF on the server once it ends", node.address(), REWRITE_WAIT.toSeconds(), voteId);
            return;
        }
        long rewritesBefore = Long.parseLong(persistence.getOrDefault("aof_rewrites", "0"));
        try {
            node.send(Protocol.Command.BGREWRITEAOF);
        } catch (JedisDataException e) {
            log.warn("Redis {} refused BGREWRITEAOF ({}); its append-only file still records the submits of vote {}: "
                    + "run BGREWRITEAOF on the server", node.address(), e.getMessage(), voteId);
            return;
        }
        while (true) {
            persistence = awaitNoRewrite(node, deadline);
            if (persistence == null) {
                log.warn("the append-only file rewrite on Redis {} after closing vote {} did not finish within {} s; "
                        + "check BGREWRITEAOF on the server", node.address(), voteId, REWRITE_WAIT.toSeconds());
                return;
            }
            if (Long.parseLong(persistence.getOrDefault("aof_rewrites", "0")) > rewritesBefore
                    || !persistence.containsKey("aof_rewrites")) {
                break;
            }
            sleepBriefly();
        }
        if (!"ok".equals(persistence.get("aof_last_bgrewrite_status"))) {
            log.warn("the append-only file rewrite on Redis {} after closing vote {} failed "
                    + "(aof_last_bgrewrite_status:{}); see the Redis log and run BGREWRITEAOF again",
                    node.address(), voteId, persistence.get("aof_last_bgrewrite_status"));
        }
    }

    /** INFO persistence once no rewrite is running or scheduled; null when {@code deadline} passes first. */
    private static Map<String, String> awaitNoRewrite(RedisConnection.Node node, long deadline) {
        while (true) {
            Map<String, String> p = node.infoFields("persistence");
            if ("0".equals(p.get("aof_rewrite_in_progress")) && "0".equals(p.get("aof_rewrite_scheduled"))) {
                return p;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Redis rewrote its append-only file", e);
        }
    }

    // ---- check-in ----

    @Override
    public Outcomes.CheckIn checkIn(String voteId, String personId, String account) {
        return link(voteId, account, "person", personId);
    }

    @Override
    public Outcomes.CheckIn redeemInvite(String voteId, String code, String account) {
        return link(voteId, account, "code", code);
    }

    @Override
    public Optional<String> invitee(String voteId, String code) {
        return Optional.ofNullable(redis.hget(keys(voteId).inviteOf(), code));
    }

    private Outcomes.CheckIn link(String voteId, String account, String by, String value) {
        Keys k = keys(voteId);
        Object reply = LINK.run(redis, List.of(k.links(), k.accounts(), k.invites(), k.inviteOf()),
                List.of(account, by, value));
        return Outcomes.CheckIn.valueOf(str(reply));
    }

    /** One round trip: the check-in script ({@code check-in.lua}). */
    @Override
    public Outcomes.Arrival arrive(String voteId, String account, String personId, int leaders, boolean freshCopy) {
        Keys k = keys(voteId);
        List<?> reply = (List<?>) CHECK_IN.run(redis,
                List.of(k.links(), k.accounts(), k.state(), k.voted(), k.ballotMessages()),
                List.of(account, personId == null ? "" : personId, k.draftPrefix(), freshCopy ? "1" : "",
                        Integer.toString(BallotCopy.KEEP_RETIRED)));
        return switch (str(reply.get(0))) {
            case "N" -> new Outcomes.Arrival.Stranger();
            case "R" -> new Outcomes.Arrival.Refused(Outcomes.CheckIn.valueOf(str(reply.get(1))));
            case "W" -> {
                String link = str(reply.get(2));
                VoteState state = VoteState.valueOf(str(reply.get(3)));
                String receipt = emptyAsNull(str(reply.get(4)));
                boolean ballot = state == VoteState.OPEN && receipt == null;
                yield new Outcomes.Arrival.Welcome(str(reply.get(1)),
                        link.isEmpty() ? null : Outcomes.CheckIn.valueOf(link), state, receipt,
                        ballot ? decodeDraft(str(reply.get(5)), leaders) : null, emptyAsNull(str(reply.get(6))));
            }
            default -> throw new IllegalStateException("unexpected reply from the check-in script");
        };
    }

    @Override
    public Optional<String> personOf(String voteId, String account) {
        return Optional.ofNullable(redis.hget(keys(voteId).accounts(), account));
    }

    @Override
    public Optional<String> accountOf(String voteId, String personId) {
        return Optional.ofNullable(redis.hget(keys(voteId).links(), personId));
    }

    @Override
    public Map<String, String> checkedIn(String voteId) {
        return Map.copyOf(redis.hgetAll(keys(voteId).links()));
    }

    @Override
    public void rememberStaff(String voteId, String personId, String account) {
        redis.hset(keys(voteId).staff(), personId, account);
    }

    /**
     * The HDEL of the code is the claim (one caller gets 1): a code maps to one person for good,
     * so the person read first is still the code's when it is burnt.
     */
    @Override
    public boolean claimStaff(String voteId, String code, String personId, String account) {
        Keys k = keys(voteId);
        if (!personId.equals(redis.hget(k.inviteOf(), code)) || redis.hdel(k.inviteOf(), code) != 1) {
            return false;
        }
        redis.hdel(k.invites(), personId);
        redis.hset(k.staff(), personId, account);
        return true;
    }

    @Override
    public Map<String, String> staffAccounts(String voteId) {
        return Map.copyOf(redis.hgetAll(keys(voteId).staff()));
    }

    @Override
    public Map<String, String> issueInvites(String voteId, Map<String, String> proposed) {
        Keys k = keys(voteId);
        List<String> args = new ArrayList<>(proposed.size() * 2);
        proposed.forEach((person, code) -> {
            args.add(person);
            args.add(code);
        });
        List<?> flat = (List<?>) INVITES.run(redis, List.of(k.invites(), k.inviteOf()), args);
        Map<String, String> issued = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            issued.put(str(flat.get(i)), str(flat.get(i + 1)));
        }
        return Map.copyOf(issued);
    }

    // ---- the ballot ----

    @Override
    public Draft draft(String voteId, String personId, int leaders) {
        return decodeDraft(redis.get(keys(voteId).draft(personId)), leaders);
    }

    @Override
    public BallotStep press(String voteId, String personId, int leaders, BallotEvent event) {
        Outcomes.Press p = run(voteId, Who.PERSON, personId, null, leaders, null, event, null);
        if (p instanceof Outcomes.Press.Stepped stepped) {
            return stepped.step();
        }
        throw new IllegalStateException("unexpected press outcome " + p.getClass().getSimpleName());
    }

    @Override
    public Outcomes.Submit submit(String voteId, String personId, List<String> leaderIds, String receipt) {
        Outcomes.Press p = run(voteId, Who.PERSON, personId, null, leaderIds.size(), leaderIds, null, receipt);
        if (p instanceof Outcomes.Press.Submitted submitted) {
            return submitted.outcome();
        }
        throw new IllegalStateException("unexpected submit outcome " + p.getClass().getSimpleName());
    }

    @Override
    public Outcomes.Press pressBallot(String voteId, String account, String messageId, List<String> leaderIds,
            BallotEvent event, String receipt) {
        return run(voteId, Who.ACCOUNT, account, messageId, leaderIds.size(), leaderIds, event, receipt);
    }

    /** How a press names the participant: by chat account (looked up in the script) or by roster id. */
    private enum Who {
        ACCOUNT("account", "@"), PERSON("person", "");

        final String arg;
        /** Cache keys of the two kinds never collide. */
        final String cachePrefix;

        Who(String arg, String cachePrefix) {
            this.arg = arg;
            this.cachePrefix = cachePrefix;
        }
    }

    /**
     * The ballot script's caller. The ballot machine runs here, on the draft this process saw
     * last ({@link DraftCache}) or, if none, on an empty ballot (right for everyone's first
     * press); the script checks that draft is still the stored one, in the same round trip as
     * the write or the refusal, and otherwise returns the stored draft to run the machine on
     * again. So a cache, right or wrong, never decides a press: it only saves a read.
     *
     * @param event    null: submit whatever is stored (the old {@link #submit})
     * @param leaderIds null: never submit (the old {@link #press}, whose caller submits next)
     */
    private Outcomes.Press run(String voteId, Who who, String id, String messageId, int leaders,
            List<String> leaderIds, BallotEvent event, String receipt) {
        Keys k = keys(voteId);
        String cacheKey = who.cachePrefix + id;
        List<String> keys = List.of(k.state(), k.voted(), k.accounts(), k.ballotMessages(), k.drafts(), k.counts());
        Draft current = event == null ? null : cache.get(voteId, cacheKey, leaders);
        if (current == null) {
            current = Draft.empty(leaders);
        }
        String person = who == Who.PERSON ? id : null;
        for (int attempt = 0; attempt < MAX_PRESS_ATTEMPTS; attempt++) {
            BallotStep step = event == null ? null : BallotMachine.apply(current, event);
            boolean submitting = event == null || step instanceof BallotStep.ReadyToSubmit && leaderIds != null;
            Draft next = step instanceof BallotStep.Moved moved ? moved.draft() : current;
            String action = submitting ? "U" : step instanceof BallotStep.Rejected ? "R" : "M";
            List<String> args = new ArrayList<>(10 + (submitting ? leaderIds.size() : 0));
            args.add(who.arg);
            args.add(id);
            args.add(k.draftPrefix());
            args.add(messageId == null ? "" : messageId);
            args.add(action);
            args.add(event == null ? "" : Long.toString(current.version()));
            args.add(Long.toString(next.version()));
            args.add(action.equals("M") ? encodeDraft(next) : "");
            args.add(Long.toString(draftTtlMillis));
            args.add(submitting ? receipt : "");
            if (submitting) {
                args.addAll(leaderIds);
            }
            long sentAt = System.currentTimeMillis();
            List<?> reply = (List<?>) BALLOT.run(redis, keys, args);
            String tag = str(reply.get(0));
            if (tag.equals("N")) {
                return new Outcomes.Press.NotParticipant();
            }
            person = str(reply.get(1));
            switch (tag) {
                case "X":
                    return new Outcomes.Press.StaleCopy(person);
                case "C":
                    // Another tap of the same participant, or another process, moved the draft: redo on theirs.
                    current = decodeDraft(str(reply.get(2)), leaders);
                    cache.put(voteId, cacheKey, current, lapse(sentAt, reply.get(3)));
                    continue;
                case "OK":
                    if (next.version() != current.version()) {
                        cache.put(voteId, cacheKey, next, sentAt + draftTtlMillis);
                    }
                    return new Outcomes.Press.Stepped(person, step);
                case "S": {
                    cache.forget(voteId, cacheKey);
                    VoteState state = VoteState.valueOf(str(reply.get(2)));
                    if (event == null) {
                        return new Outcomes.Press.Submitted(person, new Outcomes.Submit.NotOpen(state));
                    }
                    BallotStep.Reason reason = state == VoteState.CLOSED
                            ? BallotStep.Reason.CLOSED : BallotStep.Reason.NOT_OPEN;
                    return new Outcomes.Press.Stepped(person,
                            new BallotStep.Rejected(reason, decodeDraft(str(reply.get(3)), leaders)));
                }
                case "V":
                    cache.forget(voteId, cacheKey);
                    if (event == null || event instanceof BallotEvent.Submit && leaderIds != null) {
                        return new Outcomes.Press.Submitted(person, new Outcomes.Submit.AlreadyVoted(str(reply.get(3))));
                    }
                    return new Outcomes.Press.Stepped(person, new BallotStep.Rejected(BallotStep.Reason.ALREADY_VOTED,
                            decodeDraft(str(reply.get(2)), leaders)));
                case "A":
                    cache.forget(voteId, cacheKey);
                    CrashPoints.reach(CrashPoints.SUBMIT_STORED);
                    return new Outcomes.Press.Submitted(person, new Outcomes.Submit.Accepted(str(reply.get(2))));
                case "I":
                    cache.forget(voteId, cacheKey);
                    return new Outcomes.Press.Submitted(person, new Outcomes.Submit.Incomplete());
                default:
                    throw new IllegalStateException("unexpected reply from the ballot script");
            }
        }
        // Still losing after several rounds: tell the caller the ballot moved, and show where.
        return new Outcomes.Press.Stepped(person, new BallotStep.Rejected(BallotStep.Reason.STALE, current));
    }

    /**
     * When a draft read at {@code sentAt} with {@code pttl} left lapses; a missing draft
     * (PTTL -2) is an empty ballot, which only a write can change.
     */
    private long lapse(long sentAt, Object pttl) {
        long left = ((Number) pttl).longValue();
        return sentAt + (left >= 0 ? left : draftTtlMillis);
    }

    @Override
    public Optional<String> receiptOf(String voteId, String personId) {
        return Optional.ofNullable(redis.hget(keys(voteId).voted(), personId));
    }

    @Override
    public boolean hasVoted(String voteId, String personId) {
        return redis.hexists(keys(voteId).voted(), personId);
    }

    @Override
    public Set<String> voters(String voteId) {
        return Set.copyOf(redis.hkeys(keys(voteId).voted()));
    }

    /** One round trip of three commands (HMGET, HLEN, HLEN), whatever the turnout. */
    @Override
    public Tally tally(String voteId, List<String> leaderIds) {
        Keys k = keys(voteId);
        Choice[] choices = Choice.values();
        String[] fields = new String[leaderIds.size() * choices.length];
        for (int i = 0; i < leaderIds.size(); i++) {
            for (int c = 0; c < choices.length; c++) {
                fields[i * choices.length + c] = leaderIds.get(i) + ":" + choices[c].code();
            }
        }
        Response<List<String>> counts;
        Response<Long> issued;
        Response<Long> returned;
        for (int attempt = 1; ; attempt++) {
            try (AbstractPipeline p = redis.pipelined()) {
                counts = fields.length == 0 ? null : p.hmget(k.counts(), fields);
                issued = p.hlen(k.links());
                returned = p.hlen(k.voted());
                p.sync();
            }
            try {
                issued.get();
                break;
            } catch (JedisMovedDataException moved) {
                // A cluster's pipeline does not follow MOVED (the slot failed over to another
                // node): refresh the client's view of the cluster and read again.
                connection.dropIdleConnections();
                if (attempt == 2) {
                    throw moved;
                }
            }
        }
        List<String> values = counts == null ? List.of() : counts.get();
        List<LeaderCounts> perLeader = new ArrayList<>(leaderIds.size());
        for (int i = 0; i < leaderIds.size(); i++) {
            int at = i * choices.length;
            perLeader.add(new LeaderCounts(count(values.get(at)), count(values.get(at + 1)),
                    count(values.get(at + 2)), count(values.get(at + 3))));
        }
        return new Tally(Math.toIntExact(issued.get()), Math.toIntExact(returned.get()), perLeader);
    }

    private static int count(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    @Override
    public List<String> receipts(String voteId) {
        List<String> receipts = new ArrayList<>(redis.hvals(keys(voteId).voted()));
        Collections.sort(receipts);
        return List.copyOf(receipts);
    }

    // ---- ballot copies ----

    @Override
    public Optional<String> swapBallotMessage(String voteId, String personId, String messageId) {
        Object old = BALLOT_MESSAGE.run(redis, List.of(keys(voteId).ballotMessages()),
                List.of(personId, messageId == null ? "" : messageId));
        return old == null ? Optional.empty() : Optional.of(str(old));
    }

    /** One round trip: {@code ballot-delivered.lua}. */
    @Override
    public Outcomes.CopyReport recordBallotCopy(String voteId, String account, String messageId) {
        Keys k = keys(voteId);
        List<?> reply = (List<?>) BALLOT_DELIVERED.run(redis,
                List.of(k.accounts(), k.voted(), k.state(), k.ballotMessages()), List.of(account, messageId));
        return switch (str(reply.get(0))) {
            case "N" -> new Outcomes.CopyReport.NotParticipant();
            case "V" -> new Outcomes.CopyReport.Voted();
            case "S" -> new Outcomes.CopyReport.NotOpen(VoteState.valueOf(str(reply.get(1))));
            case "OK" -> new Outcomes.CopyReport.Live(emptyAsNull(str(reply.get(1))));
            default -> throw new IllegalStateException("unexpected reply from the ballot-delivered script");
        };
    }

    @Override
    public Optional<String> ballotMessage(String voteId, String personId) {
        return Optional.ofNullable(redis.hget(keys(voteId).ballotMessages(), personId));
    }

    @Override
    public Map<String, String> ballotMessages(String voteId) {
        return Map.copyOf(redis.hgetAll(keys(voteId).ballotMessages()));
    }

    // ---- announcing the results, once ----

    @Override
    public boolean claimAnnouncement(String voteId, String holder, Duration lease) {
        Keys k = keys(voteId);
        return Long.valueOf(1).equals(CLAIM_ANNOUNCEMENT.run(redis, List.of(k.announcing(), k.announced()),
                List.of(holder, Long.toString(lease.toMillis()))));
    }

    @Override
    public boolean recordAnnounced(String voteId, String holder, AuditEntry entry) {
        Keys k = keys(voteId);
        return Long.valueOf(1).equals(RECORD_ANNOUNCED.run(redis, List.of(k.announcing(), k.announced(), k.audit()),
                List.of(holder, entry.encode())));
    }

    // ---- audit ----

    @Override
    public void audit(String voteId, AuditEntry entry) {
        redis.rpush(keys(voteId).audit(), entry.encode());
    }

    @Override
    public List<AuditEntry> auditLog(String voteId) {
        return redis.lrange(keys(voteId).audit(), 0, -1).stream().map(AuditEntry::decode).toList();
    }

    /**
     * Closes the idle connections of the pool. Called after a connection failure: when Redis
     * went away, every idle connection is dead too, and each would otherwise fail one press.
     */
    void dropIdleConnections() {
        connection.dropIdleConnections();
    }

    @Override
    public void close() {
        if (ownsClient) {
            connection.close();
        }
    }

    // ---- encoding ----

    private static String encodeDraft(Draft draft) {
        return draft.version() + "|" + draft.encode();
    }

    /**
     * The stored draft, or an empty one. A draft stored for another number of leaders is
     * treated as empty (as the in-memory store does) but keeps its version, so the next
     * compare-and-set replaces it instead of conflicting forever.
     */
    private static Draft decodeDraft(String value, int leaders) {
        if (value == null || value.isEmpty()) {
            return Draft.empty(leaders);
        }
        int bar = value.indexOf('|');
        long version = Long.parseLong(value.substring(0, bar));
        Draft draft = Draft.decode(value.substring(bar + 1), version);
        return draft.size() == leaders ? draft
                : new Draft(0, Collections.nCopies(leaders, null), version);
    }

    private static String emptyAsNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String str(Object reply) {
        return reply instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
