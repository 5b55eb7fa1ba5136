package vn.tinnhiem.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import vn.tinnhiem.core.Choice;

/**
 * Looks for the <b>order of submissions</b> in what Redis keeps (SPEC 4: "not even by
 * order"). Small hashes, sets and lists keep their items in insertion order, and RDB files,
 * AOF rewrites and replicas copy it: a key that lists participants (or their receipts) in
 * the order they submitted tells who voted when, and a count hash whose fields were created
 * by the ballots that first chose them tells the first voter's ballot.
 *
 * <p>Two checks, on every sequence found:
 * <ul>
 *   <li><b>Participants and receipts.</b> The participants named in the sequence (by id or by
 *       receipt), each at its first mention, are ranked by when they submitted; the sequence
 *       follows the submission order if Spearman's rank correlation between its order and
 *       theirs is beyond {@link #BOUND} (a sequence in submission order has 1). Sequences of
 *       fewer than {@link #MIN_LENGTH} participants are not judged.</li>
 *   <li><b>Count fields</b> ({@code leader:H|M|L|B}) must appear in the fixed order, leaders in
 *       ballot order and then H, M, L, B; a sequence whose first fields name every leader once
 *       and spell a submitted ballot is reported as such.</li>
 * </ul>
 * A sequence is one key's items (fields, values or members, in the order Redis returns
 * them), or in a file (an RDB, an AOF) everything that follows each mention of a key name
 * up to the next one, joined over the whole file for each key name: an AOF records one
 * command per submit, so a key's order there spans many commands.
 */
public final class OrderScanner {
    /** Beyond this |rho|, a sequence is said to follow the submission order. */
    static final double BOUND = 0.3;
    /** Fewer participants than this say too little to be judged. */
    static final int MIN_LENGTH = 8;

    /** A sequence that was judged: where, how many participants, and its rank correlation. */
    public record Judged(String where, int length, double rho) {}

    public record Finding(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    private final Map<String, Integer> rankOf = new HashMap<>();
    private final List<String> countFields = new ArrayList<>();
    private final Map<List<String>, Integer> ballots = new HashMap<>();
    private final int leaders;
    /** Every sequence judged so far, for the test to check it saw what it had to. */
    public final List<Judged> judged = new ArrayList<>();

    /**
     * @param submitted    participant ids in the order they submitted
     * @param receipts     their receipts, in the same order
     * @param leaderIds    the leaders in ballot order
     * @param choices      each participant's ballot, in the same order as {@code submitted}
     */
    public OrderScanner(List<String> submitted, List<String> receipts, List<String> leaderIds, List<List<Choice>> choices) {
        for (int r = 0; r < submitted.size(); r++) {
            rankOf.put(submitted.get(r), r);
            rankOf.put(receipts.get(r), r);
            List<String> fields = new ArrayList<>();
            for (int k = 0; k < leaderIds.size(); k++) {
                fields.add(leaderIds.get(k) + ":" + choices.get(r).get(k).code());
            }
            ballots.putIfAbsent(fields, r);
        }
        for (String leader : leaderIds) {
            for (Choice c : Choice.values()) {
                countFields.add(leader + ":" + c.code());
            }
        }
        this.leaders = leaderIds.size();
    }

    /** Every key of every type, each read in the order Redis keeps it (HKEYS, HVALS, SMEMBERS, LRANGE, ZRANGE). */
    public List<Finding> scanRedis(Jedis jedis, String where) {
        List<Finding> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
            for (String key : page.getResult()) {
                String type = jedis.type(key);
                Map<String, List<String>> sequences = new LinkedHashMap<>();
                switch (type) {
                    case "string" -> sequences.put("value", List.of(jedis.get(key)));
                    case "hash" -> {
                        sequences.put("HKEYS", inStoredOrder(jedis, "HKEYS", key));
                        sequences.put("HVALS", inStoredOrder(jedis, "HVALS", key));
                    }
                    case "set" -> sequences.put("SMEMBERS", inStoredOrder(jedis, "SMEMBERS", key));
                    case "list" -> sequences.put("LRANGE", inStoredOrder(jedis, "LRANGE", key, "0", "-1"));
                    case "zset" -> sequences.put("ZRANGE", inStoredOrder(jedis, "ZRANGE", key, "0", "-1"));
                    default -> throw new AssertionError("a key of type " + type + " the scanner cannot read: " + key);
                }
                sequences.forEach((how, items) ->
                        found.addAll(judge(where + " " + how + " " + key, String.join("\n", items))));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    /**
     * Keys that name an account (issue 18, item 3): whatever number they hold (an update id) or
     * their time left to live must not follow the order in which the accounts' owners submitted.
     * Each key naming one of {@code accountRanks}' accounts (by that account's submission rank)
     * gives its numeric value, if it has one, and its PTTL, if it expires; the accounts sorted by
     * each are judged as {@link #judge} judges a sequence. A key that remembers an account's
     * messages one per key (a message id in the key's name) is reported as such.
     */
    public List<Finding> scanAccountKeys(Jedis jedis, String where, Map<String, Integer> accountRanks) {
        Map<String, List<long[]>> byKind = new LinkedHashMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
            for (String key : page.getResult()) {
                for (Map.Entry<String, Integer> a : accountRanks.entrySet()) {
                    int at = key.indexOf(a.getKey());
                    if (at < 0 || at + a.getKey().length() < key.length()
                            && Character.isLetterOrDigit(key.charAt(at + a.getKey().length()))) {
                        continue;
                    }
                    String kind = key.substring(0, at) + "<account>" + key.substring(at + a.getKey().length())
                            .replaceAll("[0-9a-f]{6,}", "<id>");
                    if (jedis.type(key).equals("string")) {
                        String value = jedis.get(key);
                        if (value != null && value.matches("-?\\d{1,18}")) {
                            byKind.computeIfAbsent(kind + " value", k -> new ArrayList<>())
                                    .add(new long[] {Long.parseLong(value), a.getValue()});
                        }
                    }
                    long ttl = jedis.pttl(key);
                    if (ttl > 0) {
                        byKind.computeIfAbsent(kind + " PTTL", k -> new ArrayList<>()).add(new long[] {ttl, a.getValue()});
                    }
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        List<Finding> found = new ArrayList<>();
        byKind.forEach((kind, pairs) -> {
            List<long[]> sorted = new ArrayList<>(pairs);
            // Ascending by the number; a PTTL falls as time passes, so the latest has the highest.
            sorted.sort(java.util.Comparator.comparingLong(p -> p[0]));
            Map<Integer, Boolean> seen = new LinkedHashMap<>();
            for (long[] p : sorted) {
                seen.putIfAbsent((int) p[1], Boolean.TRUE);
            }
            List<Integer> ranks = new ArrayList<>(seen.keySet());
            if (ranks.size() >= MIN_LENGTH) {
                double rho = spearman(ranks);
                judged.add(new Judged(where + " " + kind, ranks.size(), rho));
                if (Math.abs(rho) > BOUND) {
                    found.add(new Finding(where + " " + kind, String.format(java.util.Locale.ROOT,
                            "%d accounts whose keys, sorted by it, follow the submissions (rho %.2f)", ranks.size(),
                            rho)));
                }
            }
        });
        return found;
    }

    /**
     * A read command's reply in the order Redis sent it. Jedis' own {@code hkeys} and
     * {@code smembers} return a {@code HashSet}, which would lose exactly that order.
     */
    static List<String> inStoredOrder(Jedis jedis, String command, String... args) {
        Object reply = jedis.sendCommand(Protocol.Command.valueOf(command), args);
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) reply) {
            items.add(new String((byte[]) item, StandardCharsets.UTF_8));
        }
        return items;
    }

    /**
     * A file's raw bytes in byte order: an RDB (written with {@code rdbcompression no}, so
     * that small keys are stored as they are in memory, not LZF-compressed) or an AOF.
     */
    List<Finding> scanFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Map<String, StringBuilder> byKey = new LinkedHashMap<>();
        int at = text.indexOf("tn:{");
        while (at >= 0) {
            int end = at;
            while (end < text.length() && isKeyChar(text.charAt(end))) {
                end++;
            }
            int next = text.indexOf("tn:{", end);
            String key = text.substring(at, end);
            byKey.computeIfAbsent(key, k -> new StringBuilder())
                    .append(text, at, next < 0 ? text.length() : next).append('\n');
            at = next;
        }
        List<Finding> found = new ArrayList<>();
        byKey.forEach((key, content) ->
                found.addAll(judge(file.getFileName() + " " + key, content.toString())));
        return found;
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "{}:-_".indexOf(c) >= 0);
    }

    /** Both checks on one sequence, given as text in its stored order. */
    List<Finding> judge(String where, String text) {
        List<Finding> found = new ArrayList<>();
        List<Integer> ranks = firstMentions(text, rankOf);
        if (ranks.size() >= MIN_LENGTH) {
            double rho = spearman(ranks);
            judged.add(new Judged(where, ranks.size(), rho));
            if (Math.abs(rho) > BOUND) {
                found.add(new Finding(where, String.format(java.util.Locale.ROOT,
                        "%d participants in an order that follows the submissions (rho %.2f)", ranks.size(), rho)));
            }
        }
        Map<String, Integer> fieldIndex = new HashMap<>();
        for (int i = 0; i < countFields.size(); i++) {
            fieldIndex.put(countFields.get(i), i);
        }
        List<Integer> fields = firstMentions(text, fieldIndex);
        if (!fields.isEmpty()) {
            List<String> named = fields.stream().map(countFields::get).toList();
            if (!isAscending(fields)) {
                found.add(new Finding(where, "count fields not in the fixed order: " + named));
            }
            if (named.size() >= leaders) {
                Integer whose = ballots.get(named.subList(0, leaders));
                if (whose != null) {
                    found.add(new Finding(where, "the first count fields spell the ballot of the participant who "
                            + "submitted #" + (whose + 1) + ": " + named.subList(0, leaders)));
                }
            }
        }
        return found;
    }

    /** The values of the tokens mentioned in {@code text}, each value once, in the order of its first mention. */
    private static List<Integer> firstMentions(String text, Map<String, Integer> tokens) {
        Map<Integer, Integer> firstAt = new HashMap<>();
        tokens.forEach((token, value) -> {
            int at = text.indexOf(token);
            if (at >= 0) {
                firstAt.merge(value, at, Math::min);
            }
        });
        return firstAt.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    private static boolean isAscending(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Spearman's rank correlation between the positions 0..n-1 and {@code ranks} (distinct
     * values, re-ranked among themselves): 1 when the sequence is in submission order.
     */
    public static double spearman(List<Integer> ranks) {
        int n = ranks.size();
        int[] sorted = ranks.stream().mapToInt(Integer::intValue).sorted().toArray();
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(sorted, ranks.get(i));
            sumSquares += (double) (i - rank) * (i - rank);
        }
        return 1 - 6 * sumSquares / ((double) n * ((double) n * n - 1));
    }

    /** Where a sequence of participants was judged (scan, command or file, key), in scan order. */
    Set<String> judgedWhere() {
        Set<String> where = new LinkedHashSet<>();
        judged.forEach(j -> where.add(j.where()));
        return where;
    }
}
