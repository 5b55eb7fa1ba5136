package vn.tinnhiem.core.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Rulebook;

/** The results announcement, as the counting committee would read it out. */
public final class ResultsView {
    private ResultsView() {}

    public static String announcement(Results results, Messages m) {
        var vote = results.definition();
        StringBuilder b = new StringBuilder();
        b.append(m.get("results.header", vote.title(), vote.unit(), vote.summoned(),
                results.tally().issued(), results.tally().returned(),
                m.get(vote.rulebook().denominatorKey()),
                rulebookName(vote.rulebook(), m)));
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            b.append("\n\n").append(m.get("results.leader", i++, r.leader().fullName(), r.leader().position(),
                    r.counts().high(), r.percent(Choice.HIGH).formatted(m.locale()),
                    r.counts().medium(), r.percent(Choice.MEDIUM).formatted(m.locale()),
                    r.counts().low(), r.percent(Choice.LOW).formatted(m.locale()),
                    r.valid(), r.invalid(),
                    m.get(vote.rulebook().verdictKey(r.verdict()))));
        }
        return b.toString();
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
