package vn.tinnhiem.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Results;

/**
 * The results as JSON. Field names are the same in every language; texts (rulebook, verdict)
 * follow the chosen language. Percentages are JSON numbers (93.14) and, alongside, the
 * Vietnamese-formatted strings ("93,14%") as the minutes print them.
 */
final class JsonExport {
    private JsonExport() {}

    static String render(ResultsExport export) {
        Results results = export.results();
        var vote = results.definition();
        JsonObject root = new JsonObject();
        root.addProperty("voteId", vote.id());
        root.addProperty("title", vote.title());
        root.addProperty("unit", vote.unit());
        root.addProperty("language", export.messages().locale().getLanguage());
        root.addProperty("rulebook", vote.rulebook().id());
        root.addProperty("rulebookName", export.rulebookName());
        root.addProperty("denominatorKind", vote.rulebook().denominatorKind().name());
        root.addProperty("denominatorText", export.denominatorText());
        root.addProperty("summoned", vote.summoned());
        root.addProperty("issued", results.tally().issued());
        root.addProperty("returned", results.tally().returned());
        JsonArray leaders = new JsonArray();
        for (LeaderResult r : results.leaders()) {
            leaders.add(leader(r, export));
        }
        root.add("leaders", leaders);
        JsonArray receipts = new JsonArray();
        export.receipts().forEach(receipts::add);
        root.addProperty("receiptCount", export.receipts().size());
        root.add("receipts", receipts);
        root.addProperty("resultsDigest", export.digest());
        export.fingerprint().ifPresent(f -> root.addProperty("definitionFingerprint", f));
        root.addProperty("closedAt", export.closedAt().toString());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    private static JsonObject leader(LeaderResult r, ResultsExport export) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.leader().id());
        o.addProperty("name", r.leader().fullName());
        o.addProperty("position", r.leader().position());
        o.addProperty("denominator", r.denominator());
        JsonObject counts = new JsonObject();
        JsonObject percent = new JsonObject();
        JsonObject percentText = new JsonObject();
        for (Choice c : Choice.values()) {
            String key = c.name().toLowerCase(Locale.ROOT);
            counts.addProperty(key, r.counts().count(c));
            percent.add(key, new com.google.gson.JsonPrimitive(r.percent(c).value()));
            percentText.addProperty(key, r.percent(c).vietnamese());
        }
        o.add("counts", counts);
        o.addProperty("valid", r.valid());
        o.addProperty("invalid", r.invalid());
        o.add("percent", percent);
        o.add("percentText", percentText);
        o.addProperty("verdict", r.verdict().name());
        o.addProperty("verdictText", export.verdictText(r.verdict()));
        return o;
    }
}
