package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvExportTest {
    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        try (CSVParser p = CSVParser.parse(new StringReader(text),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    @Test
    void startsWithAUtf8ByteOrderMarkForExcel() {
        byte[] csv = ExportFixtures.export("vi").csv();
        ExportFixtures.keep("ket-qua-ltn-2026.csv", csv);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                List.of(csv[0], csv[1], csv[2]));
    }

    @Test
    void oneRowPerLeaderWithExactCountsAndBothPercentageForms() throws IOException {
        List<CSVRecord> rows = parse(ExportFixtures.export("vi").csv());
        assertEquals(3, rows.size());
        CSVRecord director = rows.get(0);
        assertEquals("1", director.get("STT"));
        assertEquals("Nguyễn Văn An", director.get("Họ và tên"));
        assertEquals("Cục trưởng", director.get("Chức vụ"));
        assertEquals("485", director.get("Phiếu phát ra"));
        assertEquals("481", director.get("Phiếu thu về"));
        assertEquals("481", director.get("Mẫu số"));
        assertEquals("448", director.get("Tín nhiệm cao (số phiếu)"));
        assertEquals("93.14", director.get("Tín nhiệm cao (%)"));
        assertEquals("93,14%", director.get("Tín nhiệm cao (tỷ lệ)"));
        assertEquals("476", director.get("Hợp lệ"));
        assertEquals("5", director.get("Không hợp lệ"));
        assertEquals("NO_ACTION", director.get("Mã kết luận"));
    }

    @Test
    void leaderWithTwoThirdsLowHasTheTwoThirdsVerdict() throws IOException {
        CSVRecord deputy2 = parse(ExportFixtures.export("vi").csv()).get(2);
        assertEquals("321", deputy2.get("Tín nhiệm thấp (số phiếu)"));
        assertEquals("66.74", deputy2.get("Tín nhiệm thấp (%)"));
        assertEquals("66,74%", deputy2.get("Tín nhiệm thấp (tỷ lệ)"));
        assertEquals("TWO_THIRDS_LOW", deputy2.get("Mã kết luận"));
        assertEquals("OVER_HALF_LOW", parse(ExportFixtures.export("vi").csv()).get(1).get("Mã kết luận"));
    }

    @Test
    void englishHeadersNameTheSameColumns() throws IOException {
        byte[] csv = ExportFixtures.export("en").csv();
        String header = new String(csv, StandardCharsets.UTF_8).substring(1).lines().findFirst().orElseThrow();
        assertEquals(7 + 4 * 3 + 4, Arrays.asList(header.split(",")).size());
        assertEquals("93.14", parse(csv).get(0).get("High confidence (%)"));
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() throws IOException {
        List<CSVRecord> rows = parse(ExportFixtures.hostileExport().csv());
        assertEquals("'" + ExportFixtures.HYPERLINK, rows.get(0).get("Họ và tên"));
        assertEquals("'@SUM(1+1)", rows.get(0).get("Chức vụ"));
        assertEquals("'" + ExportFixtures.ARITHMETIC, rows.get(1).get("Họ và tên"));
        assertEquals("'+Phó Cục trưởng", rows.get(1).get("Chức vụ"));
        assertEquals("'\tTab", rows.get(2).get("Họ và tên"));
        assertEquals("'\rReturn", rows.get(2).get("Chức vụ"));
    }

    @Test
    void numbersStayNumbersBesideGuardedText() throws IOException {
        CSVRecord director = parse(ExportFixtures.hostileExport().csv()).get(0);
        assertEquals("1", director.get("STT"));
        assertEquals("448", director.get("Tín nhiệm cao (số phiếu)"));
        assertEquals("93.14", director.get("Tín nhiệm cao (%)"));
        assertEquals("93,14%", director.get("Tín nhiệm cao (tỷ lệ)"));
    }

    /**
     * Issue 18, item 4: Excel with Vietnamese regional settings splits a line at {@code ;}: a
     * formula after one would start a cell of its own. Every text field is quoted too.
     */
    @Test
    void aFormulaAfterASeparatorInsideTheTextIsNeutralisedAndTextIsQuoted() {
        assertEquals("Trần Văn A;'=2+3;", FormulaGuard.text("Trần Văn A;=2+3;"));
        assertEquals("A, '+1; \"'@x\"", FormulaGuard.text("A, +1; \"@x\""));
        assertEquals("Phó Cục trưởng - phụ trách", FormulaGuard.text("Phó Cục trưởng - phụ trách"));

        String csv = new String(ExportFixtures.export("vi").csv(), StandardCharsets.UTF_8).substring(1);
        String director = csv.lines().skip(1).findFirst().orElseThrow();
        assertEquals(true, director.startsWith("1,\"director\",\"Nguyễn Văn An\",\"Cục trưởng\",485,481,481,448,93.14,"
                + "\"93,14%\","), director);
        assertEquals(true, csv.lines().findFirst().orElseThrow().startsWith("\"STT\",\"Mã\""), csv);
        // Split as Excel does with ';' as the list separator: no cell starts a formula.
        for (String line : csv.lines().toList()) {
            for (String cell : line.split(";", -1)) {
                String start = cell.replaceFirst("^[ \"]*", "");
                assertEquals(false, !start.isEmpty() && "=+-@\t\r".indexOf(start.charAt(0)) >= 0, line);
            }
        }
    }
}
