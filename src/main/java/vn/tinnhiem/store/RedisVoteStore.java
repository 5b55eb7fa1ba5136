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
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotMachine;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * The {@link VoteStore} on Redis, through a Jedis {@link RedisClient} (a connection pool).
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
 * </pre>
 * Drafts are the only keys that pair a person with choices; {@code submit} and
 * {@code closeVote} delete them in the same script that counts or closes.
 *
 * <p><b>Atomicity.</b> Each state change is one Lua script (see {@code src/main/resources/redis}),
 * so no other client sees half of it. The ballot logic itself stays in Java
 * ({@link BallotMachine}); the press script is a compare-and-set on the draft's version with
 * the guards (vote open, participant not voted).
 *
 * <p><b>Round trips.</b> {@link #press} keeps the last draft it saw for each participant in
 * process memory. In the steady state a press costs one round trip (the compare-and-set); a
 * press the ballot machine refuses costs none; a cache miss costs one more (a read). The
 * cache is only trusted when this process is the one writing a participant's drafts: the
 * compare-and-set catches any other writer, but a refusal computed from a cache entry
 * another process made stale would not be noticed. Entries are dropped at submit, at close
 * and when the draft's TTL would have run out.
 */
public final class RedisVoteStore implements VoteStore {

    /** Pool size for {@link #fromUrl}: enough for the bot's update handlers and a burst of presses. */
    private static final int POOL_SIZE = 32;
    /** Compare-and-set attempts for one press; only the same participant pressing concurrently conflicts. */
    private static final int MAX_PRESS_ATTEMPTS = 8;

    private static final LuaScript LOAD = LuaScript.resource("load");
    private static final LuaScript PRESS = LuaScript.resource("press");
    private static final LuaScript SUBMIT = LuaScript.resource("submit");
    private static final LuaScript OPEN = LuaScript.resource("open");
    private static final LuaScript CLOSE = LuaScript.resource("close");
    private static final LuaScript LINK = LuaScript.resource("link");
    private static final LuaScript INVITES = LuaScript.resource("invites");

    private final RedisClient redis;
    private final boolean ownsClient;
    private final long draftTtlMillis;
    private final DraftCache cache;

    /** A store on a client the caller owns (and closes). */
    public RedisVoteStore(RedisClient redis, Duration draftTtl) {
        this(redis, draftTtl, false);
    }

    private RedisVoteStore(RedisClient redis, Duration draftTtl, boolean ownsClient) {
        if (draftTtl.isNegative() || draftTtl.isZero()) {
            throw new IllegalArgumentException("draft TTL must be positive");
        }
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.draftTtlMillis = draftTtl.toMillis();
        this.cache = new DraftCache();
        for (LuaScript script : List.of(LOAD, PRESS, SUBMIT, OPEN, CLOSE, LINK, INVITES)) {
            script.load(redis);
        }
    }

    /** A store on its own connection pool to {@code REDIS_URL}; closing the store closes the pool. */
    public static RedisVoteStore fromUrl(String redisUrl, Duration draftTtl) {
        RedisUrl url = RedisUrl.parse(redisUrl);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .clientName("tinnhiem");
        if (url.user() != null) {
            config.user(url.user());
        }
        if (url.password() != null) {
            config.password(url.password());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        RedisClient client = RedisClient.builder()
                .hostAndPort(url.host(), url.port())
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        try {
            return new RedisVoteStore(client, draftTtl, true);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    // ---- keys ----

    /** The keys of one vote. */
    private record Keys(String state, String links, String accounts, String invites, String inviteOf,
                        String draftPrefix, String drafts, String voted, String counts, String audit,
                        String staff) {
        static Keys of(String voteId) {
            if (voteId.indexOf('{') >= 0 || voteId.indexOf('}') >= 0) {
                // A brace would change the hash tag and scatter the vote over slots.
                throw new IllegalArgumentException("vote id must not contain braces");
            }
            String p = "tn:{" + voteId + "}:";
            return new Keys(p + "state", p + "links", p + "accounts", p + "invites", p + "invite-of",
                    p + "draft:", p + "drafts", p + "voted", p + "counts", p + "audit", p + "staff");
        }

        String draft(String personId) {
            return draftPrefix + personId;
        }
    }

    // ---- the vote's life ----

    @Override
    public VoteState state(String voteId) {
        String s = redis.get(Keys.of(voteId).state());
        return s == null ? VoteState.DRAFT : VoteState.valueOf(s);
    }

    @Override
    public Outcomes.Transition openVote(String voteId, String fingerprint, Instant at) {
        Keys k = Keys.of(voteId);
        String line = new AuditEntry(at, "opened", "sha256=" + fingerprint).encode();
        return Outcomes.Transition.valueOf(str(OPEN.run(redis, List.of(k.state(), k.audit()), List.of(line))));
    }

    @Override
    public Outcomes.Transition closeVote(String voteId, Instant at, String auditDetail) {
        Keys k = Keys.of(voteId);
        String line = new AuditEntry(at, "closed", auditDetail).encode();
        Object reply = CLOSE.run(redis, List.of(k.state(), k.drafts(), k.audit()), List.of(line, k.draftPrefix()));
        cache.forgetVote(voteId);
        return Outcomes.Transition.valueOf(str(reply));
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

    private Outcomes.CheckIn link(String voteId, String account, String by, String value) {
        Keys k = Keys.of(voteId);
        Object reply = LINK.run(redis, List.of(k.links(), k.accounts(), k.invites(), k.inviteOf()),
                List.of(account, by, value));
        return Outcomes.CheckIn.valueOf(str(reply));
    }

    @Override
    public Optional<String> personOf(String voteId, String account) {
        return Optional.ofNullable(redis.hget(Keys.of(voteId).accounts(), account));
    }

    @Override
    public Optional<String> accountOf(String voteId, String personId) {
        return Optional.ofNullable(redis.hget(Keys.of(voteId).links(), personId));
    }

    @Override
    public Map<String, String> checkedIn(String voteId) {
        return Map.copyOf(redis.hgetAll(Keys.of(voteId).links()));
    }

    @Override
    public void rememberStaff(String voteId, String personId, String account) {
        redis.hset(Keys.of(voteId).staff(), personId, account);
    }

    @Override
    public Map<String, String> staffAccounts(String voteId) {
        return Map.copyOf(redis.hgetAll(Keys.of(voteId).staff()));
    }

    @Override
    public Map<String, String> issueInvites(String voteId, Map<String, String> proposed) {
        Keys k = Keys.of(voteId);
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
        return decodeDraft(redis.get(Keys.of(voteId).draft(personId)), leaders);
    }

    @Override
    public BallotStep press(String voteId, String personId, int leaders, BallotEvent event) {
        Keys k = Keys.of(voteId);
        Draft current = cache.get(voteId, personId, leaders);
        if (current == null) {
            long sentAt = System.currentTimeMillis();
            List<?> loaded = (List<?>) LOAD.run(redis, List.of(k.state(), k.voted(), k.draft(personId)),
                    List.of(personId));
            BallotStep refused = guardRefusal(loaded, leaders);
            if (refused != null) {
                return refused;
            }
            current = decodeDraft(str(loaded.get(1)), leaders);
            cache.put(voteId, personId, current, lapse(sentAt, loaded.get(2)));
        }
        for (int attempt = 0; attempt < MAX_PRESS_ATTEMPTS; attempt++) {
            BallotStep step = BallotMachine.apply(current, event);
            if (step instanceof BallotStep.Rejected) {
                return step;
            }
            Draft next = step instanceof BallotStep.Moved moved
                    ? moved.draft() : ((BallotStep.ReadyToSubmit) step).draft();
            long sentAt = System.currentTimeMillis();
            List<?> reply = (List<?>) PRESS.run(redis,
                    List.of(k.state(), k.voted(), k.draft(personId), k.drafts()),
                    List.of(personId, Long.toString(current.version()), Long.toString(next.version()),
                            encodeDraft(next), Long.toString(draftTtlMillis)));
            String tag = str(reply.get(0));
            if (tag.equals("OK")) {
                if (next.version() != current.version()) {
                    cache.put(voteId, personId, next, sentAt + draftTtlMillis);
                }
                return step;
            }
            if (tag.equals("C")) {
                // Someone else (another tap of the same participant) moved the draft: redo on theirs.
                current = decodeDraft(str(reply.get(1)), leaders);
                cache.put(voteId, personId, current, lapse(sentAt, reply.get(2)));
                continue;
            }
            cache.forget(voteId, personId);
            return guardRefusal(reply, leaders);
        }
        // Still losing after several rounds: tell the caller the ballot moved, and show where.
        return new BallotStep.Rejected(BallotStep.Reason.STALE, current);
    }

    /**
     * When a draft read at {@code sentAt} with {@code pttl} left lapses; a missing draft
     * (PTTL -2) is an empty ballot, which only a write can change.
     */
    private long lapse(long sentAt, Object pttl) {
        long left = ((Number) pttl).longValue();
        return sentAt + (left >= 0 ? left : draftTtlMillis);
    }

    /** The refusal a script reported for {@code {'S', state, draft}} or {@code {'V', draft}}; null otherwise. */
    private static BallotStep guardRefusal(List<?> reply, int leaders) {
        String tag = str(reply.get(0));
        if (tag.equals("S")) {
            BallotStep.Reason reason = str(reply.get(1)).equals(VoteState.CLOSED.name())
                    ? BallotStep.Reason.CLOSED : BallotStep.Reason.NOT_OPEN;
            return new BallotStep.Rejected(reason, decodeDraft(str(reply.get(2)), leaders));
        }
        if (tag.equals("V")) {
            return new BallotStep.Rejected(BallotStep.Reason.ALREADY_VOTED, decodeDraft(str(reply.get(1)), leaders));
        }
        return null;
    }

    @Override
    public Outcomes.Submit submit(String voteId, String personId, List<String> leaderIds, String receipt) {
        Keys k = Keys.of(voteId);
        List<String> args = new ArrayList<>(leaderIds.size() + 2);
        args.add(personId);
        args.add(receipt);
        args.addAll(leaderIds);
        List<?> reply = (List<?>) SUBMIT.run(redis,
                List.of(k.state(), k.voted(), k.draft(personId), k.drafts(), k.counts()), args);
        // Whatever the outcome, the cached draft is either gone or no longer to be trusted.
        cache.forget(voteId, personId);
        if (str(reply.get(0)).equals("A")) {
            CrashPoints.reach(CrashPoints.SUBMIT_STORED);
        }
        return switch (str(reply.get(0))) {
            case "A" -> new Outcomes.Submit.Accepted(str(reply.get(1)));
            case "V" -> new Outcomes.Submit.AlreadyVoted(str(reply.get(1)));
            case "I" -> new Outcomes.Submit.Incomplete();
            case "S" -> new Outcomes.Submit.NotOpen(VoteState.valueOf(str(reply.get(1))));
            default -> throw new IllegalStateException("unexpected reply from submit script");
        };
    }

    @Override
    public boolean hasVoted(String voteId, String personId) {
        return redis.hexists(Keys.of(voteId).voted(), personId);
    }

    @Override
    public Set<String> voters(String voteId) {
        return Set.copyOf(redis.hkeys(Keys.of(voteId).voted()));
    }

    /** One round trip of three commands (HMGET, HLEN, HLEN), whatever the turnout. */
    @Override
    public Tally tally(String voteId, List<String> leaderIds) {
        Keys k = Keys.of(voteId);
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
        try (Pipeline p = redis.pipelined()) {
            counts = fields.length == 0 ? null : p.hmget(k.counts(), fields);
            issued = p.hlen(k.links());
            returned = p.hlen(k.voted());
            p.sync();
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
        List<String> receipts = new ArrayList<>(redis.hvals(Keys.of(voteId).voted()));
        Collections.sort(receipts);
        return List.copyOf(receipts);
    }

    // ---- audit ----

    @Override
    public void audit(String voteId, AuditEntry entry) {
        redis.rpush(Keys.of(voteId).audit(), entry.encode());
    }

    @Override
    public List<AuditEntry> auditLog(String voteId) {
        return redis.lrange(Keys.of(voteId).audit(), 0, -1).stream().map(AuditEntry::decode).toList();
    }

    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
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

    private static String str(Object reply) {
        return reply instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
