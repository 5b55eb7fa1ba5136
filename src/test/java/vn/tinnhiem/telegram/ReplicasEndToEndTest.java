package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.cli.Command;
import vn.tinnhiem.cli.DeployCommand;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.VoteFiles;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 9, item 3: three bot replicas, each its own JVM in webhook mode with {@code --replicas},
 * behind a round-robin HTTP proxy, on one Redis; the fake Bot API delivers updates to the
 * webhook the way Telegram does (per chat in order, waiting for each answer, again after a
 * failure) and enforces Telegram's per-chat and bulk limits. {@code deploy} registers the
 * webhook once. 200 participants vote while one replica is killed with kill -9 and restarted on
 * its port. Expected: nothing lost, nothing counted twice, counts exact, the results announced
 * exactly once, and no 429 at all (the replicas pace each chat and the broadcasts together).
 * Issue 18, item 3: after close nothing in Redis (any node) follows the order of submissions:
 * no key's items, no number or time to live of a key naming an account.
 */
class ReplicasEndToEndTest {
    private static final int PARTICIPANTS = 200;
    private static final int REPLICAS = 3;
    private static final String VOTE = "replica-vote";
    private static final String SECRET = "replica_secret-123";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void threeReplicasBehindARoundRobinProxySurviveAKillMinus9() throws Exception {
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        try (RedisVoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL)) {
            vote(redis.url(), store, "kill -9 of replica 2", null, () -> List.of(redis));
        }
    }

    /**
     * The same on a Redis Cluster (3 masters, a replica each): at a third of the vote, besides
     * the replica's kill, the master holding the vote's slot is killed and its replica promoted;
     * the old master is not brought back, so the new one has no replica for the rest of the vote
     * and takes writes alone (issue 18, item 4: the vote does not stall).
     */
    @Test
    void threeReplicasOnARedisClusterSurviveTheVoteMastersFailover() throws Exception {
        try (vn.tinnhiem.testing.RedisCluster cluster = vn.tinnhiem.testing.RedisCluster.start(
                        List.of("--appendfsync", "always"));
                RedisVoteStore store = RedisVoteStore.fromUrl(cluster.url(), VoteStore.DEFAULT_DRAFT_TTL)) {
            vote(cluster.url(), store, "kill -9 of replica 2 and of the vote's Redis master (not brought back)", () -> {
                RedisServer master = cluster.masterOf("tn:{" + VOTE + "}:state");
                List<RedisServer> itsReplicas = cluster.replicasOf(master);
                cluster.kill(master);
                cluster.awaitPromotion(master, itsReplicas);
            }, cluster::running);
        }
    }

    /** The vote through three replicas on {@code redisUrl}; {@code alsoAtTheKill} runs after the replica's kill. */
    private void vote(String redisUrl, RedisVoteStore store, String what, Runnable alsoAtTheKill,
            java.util.function.Supplier<List<RedisServer>> nodes) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("tinnhiem-replicas-");
        Path config = VoteFiles.writeThreeLeaderVote(dir.resolve("vote.json"), VOTE, "Lấy phiếu tín nhiệm (replicas)", PARTICIPANTS);
        shuffleRoster(config);
        VoteDefinition vote = DefinitionLoader.load(config).get(0);
        List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
        int[] ports = freePorts(REPLICAS);
        List<BotProcess> bots = new ArrayList<>();
        try (FakeBotApi api = new FakeBotApi(); RoundRobinProxy proxy = new RoundRobinProxy(ports)) {
            api.enforce(FakeBotApi.Limits.TELEGRAM);
            String hook = proxy.url() + "/tg/hook";
            for (int i = 0; i < REPLICAS; i++) {
                bots.add(startReplica(api, redisUrl, config, hook, ports[i], dir.resolve("replica-" + i + ".log")));
            }
            for (int i = 0; i < REPLICAS; i++) {
                awaitListening(ports[i], bots.get(i));
            }
            assertEquals(0, api.count("setwebhook"), "replicas leave the webhook to deploy");
            assertEquals(0, api.count("setmycommands"), "replicas leave the menus to deploy");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int deployed = new DeployCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN, "TELEGRAM_API_URL",
                    api.url(), "TELEGRAM_WEBHOOK_SECRET", SECRET)).run(List.of("--config", config.toString(),
                    "--webhook", hook, "--max-connections", "20"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Command.OK, deployed, err.toString(StandardCharsets.UTF_8));
            assertEquals(new FakeBotApi.Webhook(hook, SECRET, 20, Poller.ALLOWED_UPDATES), api.webhook());

            Crowd crowd = new Crowd(api, VOTE, leaderIds.size(), 20_000);
            Random choices = new Random(42);
            for (int i = 1; i <= PARTICIPANTS; i++) {
                crowd.add(String.format("p%03d", i), Votes.participantTelegramId(i), choices);
            }
            // The crowd checks in in a shuffled order too (the ballots go out at /open in the file's order).
            java.util.Collections.shuffle(crowd.voters, new Random(20261208L));
            // People arrive over a while, not all in the same instant: check-in in waves of 20, so
            // each welcome answers someone who wrote seconds ago (Telegram's bulk limit is for
            // chats whose user has not written in the last 10 s).
            for (int from = 0; from < PARTICIPANTS; from += 20) {
                List<Crowd.Voter> wave = crowd.voters.subList(from, Math.min(PARTICIPANTS, from + 20));
                wave.forEach(v -> api.push(Updates.start(v.user, null)));
                await(api, bots, "participants " + (from + 1) + "-" + (from + wave.size()) + " checked in",
                        a -> wave.stream().allMatch(v -> a.sentTo(v.chatId()).stream()
                                .anyMatch(t -> t.contains("Phiếu sẽ được gửi tới đồng chí"))));
            }
            Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
            api.push(Updates.command(organiser, "open"));
            await(api, bots, "the vote open", a -> a.sentTo(organiser.id()).stream().anyMatch(t -> t.startsWith("🟢")));
            crowd.patience();

            // Vote; a third of the way through, kill -9 the second replica and start it again.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            boolean killed = false;
            int answersAtKill = 0;
            while (crowd.step() > 0) {
                if (!killed && api.count("answercallbackquery") >= PARTICIPANTS * (leaderIds.size() + 1) / 3) {
                    bots.get(1).kill();
                    if (alsoAtTheKill != null) {
                        alsoAtTheKill.run();
                    }
                    killed = true;
                    answersAtKill = api.count("answercallbackquery");
                    Thread.sleep(1000);
                    bots.set(1, startReplica(api, redisUrl, config, hook, ports[1], dir.resolve("replica-1.log")));
                }
                if (System.nanoTime() > deadline) {
                    fail("timed out waiting for every voter's receipt; " + crowd.step() + " left"
                            + stuck(api, store, crowd, leaderIds.size()) + "\n" + tails(bots));
                }
                Thread.sleep(20);
            }
            assertTrue(killed, "the kill happened mid-vote");

            // Close: whichever replica gets /close announces, the others' deadline tickers find it done.
            api.push(Updates.command(organiser, "close force"));
            String header = "📊 KẾT QUẢ LẤY PHIẾU TÍN NHIỆM";
            await(api, bots, "the results announced", a -> a.sentTo(organiser.id()).stream()
                    .anyMatch(t -> t.startsWith(header)));
            Thread.sleep(6000); // every replica's ticker (5 s) has looked at the closed vote since
            for (long staff : List.of(Votes.ORGANISER_ID, Votes.SUPERVISOR_ID)) {
                assertEquals(1, api.sentTo(staff).stream().filter(t -> t.startsWith(header)).count(),
                        "the results reached " + staff + " exactly once");
            }
            assertEquals(1, store.auditLog(VOTE).stream().filter(e -> e.event().equals("announced")).count());

            // Counts exact: every voter counted once, with their choices; one receipt each.
            Tally tally = store.tally(VOTE, leaderIds);
            Set<String> voters = store.voters(VOTE);
            assertEquals(PARTICIPANTS, voters.size(), "nobody lost");
            assertEquals(PARTICIPANTS, tally.returned(), "nobody counted twice");
            assertEquals(PARTICIPANTS, new HashSet<>(store.receipts(VOTE)).size());
            for (int k = 0; k < leaderIds.size(); k++) {
                LeaderCounts expected = LeaderCounts.ZERO;
                for (Crowd.Voter v : crowd.voters) {
                    expected = expected.plus(v.choices[k]);
                }
                assertEquals(expected, tally.counts().get(k), leaderIds.get(k) + "'s marks are the voters' choices");
            }
            for (Crowd.Voter v : crowd.voters) {
                Set<String> receipts = new HashSet<>();
                for (FakeBotApi.Call c : api.calls()) {
                    if (c.params().path("chat_id").asLong() == v.chatId()) {
                        Matcher m = Crowd.RECEIPT.matcher(String.valueOf(c.param("text")));
                        if (m.find()) {
                            receipts.add(m.group(1));
                        }
                    }
                }
                assertEquals(1, receipts.size(), v.personId + " was shown exactly one receipt: " + receipts);
            }
            assertEquals(0, api.tooManyRequests(), "no 429: the replicas paced each chat and the broadcasts together");
            List<vn.tinnhiem.reliability.OrderScanner.Finding> order = orderAfterClose(api, crowd, leaderIds, nodes.get());
            assertEquals(List.of(), order, "something in Redis follows the order of submissions after close");
            System.out.printf(java.util.Locale.ROOT, "%d replicas, %s after %d answered presses: "
                    + "%d participants, %d presses (retries %d), %d webhook deliveries (%d failed and redelivered), "
                    + "%d proxy errors, 429s %d, %.1f s in all%n", REPLICAS, what, answersAtKill, PARTICIPANTS,
                    crowd.presses(), crowd.retries(), api.webhookDeliveries(), api.webhookFailures(),
                    proxy.errors.get(), api.tooManyRequests(), (System.nanoTime() - t0) / 1e9);
            for (Path p : Files.list(dir).toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } finally {
            for (BotProcess b : bots) {
                b.close();
            }
        }
    }

    /**
     * The vote file's roster in a shuffled order (ids and accounts kept): ballots go out at /open
     * in the file's order, so people submit roughly in it; in id order, what close sorts by id
     * would seem to follow the submissions merely because the roster was in id order (issue 18).
     */
    private static void shuffleRoster(Path config) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode vote =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode roster = (com.fasterxml.jackson.databind.node.ArrayNode) vote.get("roster");
        List<com.fasterxml.jackson.databind.JsonNode> people = new ArrayList<>();
        roster.forEach(people::add);
        java.util.Collections.shuffle(people, new Random(20261130L));
        List<Integer> ids = people.stream().map(p -> Integer.parseInt(p.get("id").asText().substring(1))).toList();
        assertTrue(Math.abs(vn.tinnhiem.reliability.OrderScanner.spearman(ids)) < 0.15, "the shuffle looks like id order");
        roster.removeAll();
        people.forEach(roster::add);
        Files.writeString(config, vote.toPrettyString());
    }

    /**
     * Every node's keys read after close for the order of submissions (the order in which the
     * receipts were sent), as SubmissionOrderTest reads them.
     */
    private static List<vn.tinnhiem.reliability.OrderScanner.Finding> orderAfterClose(FakeBotApi api, Crowd crowd,
            List<String> leaderIds, List<RedisServer> nodes) {
        Map<Long, Crowd.Voter> byChat = new java.util.HashMap<>();
        crowd.voters.forEach(v -> byChat.put(v.chatId(), v));
        List<String> submitted = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<List<vn.tinnhiem.core.Choice>> ballots = new ArrayList<>();
        Map<String, Integer> accountRanks = new java.util.HashMap<>();
        for (FakeBotApi.Call c : api.calls()) {
            Crowd.Voter v = byChat.get(c.params().path("chat_id").asLong());
            Matcher m = Crowd.RECEIPT.matcher(String.valueOf(c.param("text")));
            if (v != null && m.find() && !submitted.contains(v.personId)) {
                accountRanks.put("tg:" + v.chatId(), submitted.size());
                submitted.add(v.personId);
                receipts.add(m.group(1));
                ballots.add(List.of(v.choices));
            }
        }
        assertEquals(PARTICIPANTS, submitted.size(), "a receipt for everyone");
        vn.tinnhiem.reliability.OrderScanner scanner = new vn.tinnhiem.reliability.OrderScanner(submitted, receipts,
                leaderIds, ballots);
        List<vn.tinnhiem.reliability.OrderScanner.Finding> found = new ArrayList<>();
        for (RedisServer node : nodes) {
            String where = "node " + node.port();
            try {
                node.jedis().readonly(); // a cluster replica answers reads only after READONLY
            } catch (redis.clients.jedis.exceptions.JedisDataException notACluster) {
                // one server: it answers anyway
            }
            found.addAll(scanner.scanRedis(node.jedis(), where));
            found.addAll(scanner.scanAccountKeys(node.jedis(), where, accountRanks));
        }
        assertTrue(scanner.judged.stream().anyMatch(j -> j.where().contains(":voted") && j.length() == PARTICIPANTS),
                "the voters were judged: " + scanner.judged);
        System.out.printf(java.util.Locale.ROOT, "order after close: %d sequences judged, |rho| at most %.2f%n",
                scanner.judged.size(), scanner.judged.stream().mapToDouble(j -> Math.abs(j.rho())).max().orElse(0));
        return found;
    }

    private static BotProcess startReplica(FakeBotApi api, String redisUrl, Path config, String hook, int port,
            Path log) {
        return BotProcess.start(api.url(), redisUrl, config, null, false, log,
                List.of("--webhook", hook, "--port", Integer.toString(port), "--replicas"),
                Map.of("TELEGRAM_WEBHOOK_SECRET", SECRET));
    }

    private static void awaitListening(int port, BotProcess bot) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!bot.alive()) {
                    fail("a replica died at start:\n" + bot.tail());
                }
                Thread.sleep(100);
            }
        }
        fail("a replica never listened on " + port + "\n" + bot.tail());
    }

    private static void await(FakeBotApi api, List<BotProcess> bots, String what,
            java.util.function.Predicate<FakeBotApi> condition) {
        try {
            api.await(what, condition, TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + tails(bots));
        }
    }

    /** The first few voters not done: what they see and what Redis holds. */
    private static String stuck(FakeBotApi api, VoteStore store, Crowd crowd, int leaders) {
        StringBuilder b = new StringBuilder();
        crowd.voters.stream().filter(v -> v.receipt == null).limit(4).forEach(v -> {
            b.append("\n").append(v.personId).append(": voted=").append(store.hasVoted(VOTE, v.personId))
                    .append(" draft=").append(store.draft(VOTE, v.personId, leaders).encode())
                    .append(" presses=").append(v.presses).append(" actedOn=").append(v.actedOn)
                    .append(" pending=").append(api.pendingFrom(v.chatId()))
                    .append(" live copy=").append(store.ballotMessage(VOTE, v.personId).orElse("(none)"));
            for (FakeBotApi.Shown s : api.chat(v.chatId())) {
                b.append("\n   #").append(s.messageId()).append(" v").append(s.version()).append(" pos=")
                        .append(crowd.position(s)).append(" ").append(s.text().lines().findFirst().orElse(""));
            }
            for (String id : v.pressIds) {
                FakeBotApi.Call answer = api.answerTo(id);
                b.append("\n   press ").append(id).append(" → ").append(answer == null ? "(no answer)"
                        : "answered '" + answer.param("text") + "'");
            }
            for (FakeBotApi.Call c : api.calls()) {
                if (c.params().path("chat_id").asLong() == v.chatId()
                        || String.valueOf(c.param("callback_query_id")).startsWith("cq")) {
                    if (c.params().path("chat_id").asLong() == v.chatId()) {
                        b.append("\n   ").append(c.method()).append(" #").append(c.param("message_id")).append(" ")
                                .append(String.valueOf(c.param("text")).lines().findFirst().orElse(""));
                    }
                }
            }
        });
        return b.toString();
    }

    private static String tails(List<BotProcess> bots) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bots.size(); i++) {
            b.append("---- replica ").append(i).append(bots.get(i).alive() ? "" : " (dead)").append('\n')
                    .append(bots.get(i).tail()).append('\n');
        }
        return b.toString();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    /**
     * The load balancer: each request to the next replica in turn, body and secret header
     * passed on, the replica's status passed back; 502 when the replica cannot be reached (as
     * nginx answers), and Telegram delivers the update again.
     */
    static final class RoundRobinProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final int[] backends;
        private final AtomicInteger next = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();

        RoundRobinProxy(int[] backends) throws IOException {
            this.backends = backends;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(32));
            server.createContext("/", exchange -> {
                int port = backends[Math.floorMod(next.getAndIncrement(), backends.length)];
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                try {
                    HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + exchange.getRequestURI())).timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    String secret = exchange.getRequestHeaders().getFirst(WebhookServer.SECRET_HEADER);
                    if (secret != null) {
                        forward.header(WebhookServer.SECRET_HEADER, secret);
                    }
                    status = client.send(forward.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                    status = 502;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

}
