package vn.tinnhiem.core.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Rulebook;

/** The results announcement, as the counting committee would read it out. */
public final class ResultsView {
    private ResultsView() {}

    /** The whole announcement as one text (the sandbox, tests); chats get {@link #announcement(Results, Messages, int)}. */
    public static String announcement(Results results, Messages m) {
        return announcement(results, m, Integer.MAX_VALUE).get(0);
    }

    /**
     * The announcement in messages of at most {@code maxText} characters, cut only between two
     * leaders: each message after the first names the vote, its part and the basis of the
     * percentages again, so every message stands on its own (a platform's own split cut a
     * 44-leader announcement in the middle of a leader's block).
     */
    public static List<String> announcement(Results results, Messages m, int maxText) {
        var vote = results.definition();
        String header = m.get("results.header", vote.title(), vote.unit(), vote.summoned(),
                results.tally().issued(), results.tally().returned(),
                m.get(vote.rulebook().denominatorKey()),
                rulebookName(vote.rulebook(), m));
        List<String> blocks = new java.util.ArrayList<>();
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            blocks.add(m.get("results.leader", i++, r.leader().fullName(), r.leader().position(),
                    r.counts().high(), r.percent(Choice.HIGH).formatted(m.locale()),
                    r.counts().medium(), r.percent(Choice.MEDIUM).formatted(m.locale()),
                    r.counts().low(), r.percent(Choice.LOW).formatted(m.locale()),
                    r.valid(), r.invalid(),
                    m.get(vote.rulebook().verdictKey(r.verdict()))));
        }
        // The continuation heading with the most digits any part could have, for the packing.
        String widest = continued(results, m, 99, 99);
        List<List<String>> parts = new java.util.ArrayList<>();
        List<String> part = new java.util.ArrayList<>();
        int length = header.length();
        for (String block : blocks) {
            int added = 2 + block.length();
            if (!part.isEmpty() && length + added > maxText) {
                parts.add(part);
                part = new java.util.ArrayList<>();
                length = widest.length();
            }
            part.add(block);
            length += added;
        }
        parts.add(part);
        List<String> texts = new java.util.ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            StringBuilder b = new StringBuilder(p == 0 ? header : continued(results, m, p + 1, parts.size()));
            if (p == 0 && parts.size() > 1) {
                b.append('\n').append(m.get("results.part", 1, parts.size()));
            }
            for (String block : parts.get(p)) {
                b.append("\n\n").append(block);
            }
            texts.add(b.toString());
        }
        return texts;
    }

    private static String continued(Results results, Messages m, int part, int parts) {
        var vote = results.definition();
        return m.get("results.continued", vote.title(), part, parts, m.get(vote.rulebook().denominatorKey()),
                rulebookName(vote.rulebook(), m));
    }

    /** The receipt list published with the results: any voter can find their code in it. */
    public static String receipts(List<String> receipts, Messages m) {
        return m.get("results.receipts", receipts.size(), receipts.isEmpty() ? "-" : String.join(", ", receipts));
    }

    /**
     * SHA-256 of a canonical text of the results, recorded in the audit log at close so the
     * announced figures can be checked later against the minutes.
     */
    public static String digest(Results results) {
        StringBuilder b = new StringBuilder();
        b.append(results.definition().id()).append('|').append(results.tally().issued()).append('|')
                .append(results.tally().returned());
        for (LeaderResult r : results.leaders()) {
            b.append('|').append(r.leader().id()).append(':').append(r.counts().high()).append(',')
                    .append(r.counts().medium()).append(',').append(r.counts().low()).append(',')
                    .append(r.counts().blank());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rulebookName(Rulebook r, Messages m) {
        return m.get(r.nameKey());
    }
}
