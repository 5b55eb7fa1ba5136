package vn.tinnhiem.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;

/**
 * One row per leader, with a header row in the chosen language. Each percentage appears
 * twice: a plain number (93.14) for formulas and the Vietnamese string (93,14%) as printed.
 * UTF-8 with a byte order mark: without it Excel reads the names as Windows-1252. Text
 * cells go through {@link FormulaGuard}, so a name cannot run as a formula; numbers are
 * written as numbers.
 */
final class CsvExport {
    private CsvExport() {}

    static final char BOM = '\uFEFF';

    static byte[] render(ResultsExport export) {
        var m = export.messages();
        List<String> header = export.header(name -> List.of(m.get("export.csv.count", name),
                m.get("export.csv.percent", name), m.get("export.csv.percent.text", name)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            // Before the printer: it writes the header row as soon as it is made.
            w.write(BOM);
            // Every text field quoted (numbers are not): a name with a separator stays one cell
            // where the file's separator is the computer's.
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC)
                    .setHeader(header.stream().map(FormulaGuard::text).toArray(String[]::new)).get());
            int order = 1;
            for (LeaderResult r : export.results().leaders()) {
                List<Object> row = new ArrayList<>(List.of(order++, FormulaGuard.text(r.leader().id()),
                        FormulaGuard.text(r.leader().fullName()), FormulaGuard.text(r.leader().position()),
                        r.issued(), r.returned(), r.denominator()));
                for (Choice c : Choice.values()) {
                    row.add(r.counts().count(c));
                    row.add(r.percent(c).value()); // a number: printed as plain() is, not quoted
                    row.add(r.percent(c).vietnamese());
                }
                row.addAll(List.of(r.valid(), r.invalid(), FormulaGuard.text(r.verdict().name()),
                        FormulaGuard.text(export.verdictText(r.verdict()))));
                csv.printRecord(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return bytes.toByteArray();
    }
}
