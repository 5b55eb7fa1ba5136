package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.chat.ResultsView;

class JsonExportTest {
    private static JsonObject parse(String lang) {
        return JsonParser.parseString(ExportFixtures.export(lang).json()).getAsJsonObject();
    }

    private static JsonObject leader(JsonObject root, int i) {
        return root.getAsJsonArray("leaders").get(i).getAsJsonObject();
    }

    @Test
    void carriesTheConferenceFiguresAndRulebook() {
        JsonObject root = parse("vi");
        assertEquals("ltn-2026", root.get("voteId").getAsString());
        assertEquals("Lấy phiếu tín nhiệm ltn-2026", root.get("title").getAsString());
        assertEquals("Cục THADS tỉnh Thử nghiệm", root.get("unit").getAsString());
        assertEquals("qd96-2023", root.get("rulebook").getAsString());
        assertEquals("RETURNED", root.get("denominatorKind").getAsString());
        assertEquals(490, root.get("summoned").getAsInt());
        assertEquals(485, root.get("issued").getAsInt());
        assertEquals(481, root.get("returned").getAsInt());
    }

    @Test
    void percentagesArePlainNumbersAlongsideVietnameseStrings() {
        JsonObject director = leader(parse("vi"), 0);
        assertEquals("Nguyễn Văn An", director.get("name").getAsString());
        assertEquals("Cục trưởng", director.get("position").getAsString());
        assertEquals(448, director.getAsJsonObject("counts").get("high").getAsInt());
        assertEquals(5, director.getAsJsonObject("counts").get("blank").getAsInt());
        assertEquals(476, director.get("valid").getAsInt());
        assertEquals(5, director.get("invalid").getAsInt());
        // A JSON number, not a string: 448/481 = 93.14
        assertTrue(director.getAsJsonObject("percent").get("high").getAsJsonPrimitive().isNumber());
        assertEquals(new BigDecimal("93.14"), director.getAsJsonObject("percent").get("high").getAsBigDecimal());
        assertEquals("93,14%", director.getAsJsonObject("percentText").get("high").getAsString());
        assertEquals("NO_ACTION", director.get("verdict").getAsString());
    }

    @Test
    void leaderWithTwoThirdsLowHasTheTwoThirdsVerdict() {
        JsonObject root = parse("vi");
        JsonObject deputy1 = leader(root, 1);
        JsonObject deputy2 = leader(root, 2);
        assertEquals("OVER_HALF_LOW", deputy1.get("verdict").getAsString());
        assertEquals("TWO_THIRDS_LOW", deputy2.get("verdict").getAsString());
        assertEquals("66,74%", deputy2.getAsJsonObject("percentText").get("low").getAsString());
        assertTrue(deputy2.get("verdictText").getAsString().startsWith("Thuộc trường hợp có từ 2/3 trở lên"));
    }

    @Test
    void receiptsAndDigestAreThoseOfTheAnnouncement() {
        ResultsExport export = ExportFixtures.export("vi");
        JsonObject root = JsonParser.parseString(export.json()).getAsJsonObject();
        assertEquals(481, root.getAsJsonArray("receipts").size());
        assertEquals(481, root.get("receiptCount").getAsInt());
        assertEquals(export.receipts().get(0), root.getAsJsonArray("receipts").get(0).getAsString());
        assertEquals(ResultsView.digest(ExportFixtures.results()), root.get("resultsDigest").getAsString());
        assertEquals(ExportFixtures.vote().fingerprint(), root.get("definitionFingerprint").getAsString());
    }

    @Test
    void englishChangesTheTextsButNotTheFigures() {
        JsonObject en = parse("en");
        JsonObject deputy2 = leader(en, 2);
        assertEquals("en", en.get("language").getAsString());
        assertTrue(deputy2.get("verdictText").getAsString().startsWith("A case of 2/3 or more"));
        assertEquals("66,74%", deputy2.getAsJsonObject("percentText").get("low").getAsString());
        assertEquals(new BigDecimal("66.74"), deputy2.getAsJsonObject("percent").get("low").getAsBigDecimal());
    }
}
