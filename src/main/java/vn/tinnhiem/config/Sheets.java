package vn.tinnhiem.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Tables read from spreadsheets, as organisers keep their lists: an Excel workbook (.xlsx,
 * one table per sheet) or a CSV file (one table; Excel's name for its sheet is the file's
 * name). The first non-empty row is the header. Cells come back as text; a number cell
 * comes back without Excel's formatting ({@code 100000001}, not {@code 1.00000001E8}).
 */
final class Sheets {
    private Sheets() {}

    /** One table: where it came from, its header (as written) and its rows. */
    record Table(Path file, String sheet, List<String> header, List<Line> lines) {
        /** The header cell that {@code matches}, as {@link #key} normalises it, or -1. */
        int column(List<String> aliases) {
            for (int i = 0; i < header.size(); i++) {
                if (aliases.contains(key(header.get(i)))) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One row: its number as the spreadsheet shows it (1-based), and its cells' text. */
    record Line(int number, List<String> cells) {
        String cell(int column) {
            return column < 0 || column >= cells.size() ? "" : cells.get(column);
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** A header as compared: lower case, without diacritics, spaces or punctuation. */
    static String key(String header) {
        String s = Normalizer.normalize(header.toLowerCase(Locale.ROOT).replace('đ', 'd'), Normalizer.Form.NFD);
        return s.replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]", "");
    }

    /** Every sheet of a workbook, or the one table of a CSV file. */
    static List<Table> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return List.of(csv(file));
        }
        if (name.endsWith(".xlsx")) {
            return workbook(file);
        }
        throw new IOException("not a .xlsx or .csv file");
    }

    private static List<Table> workbook(Path file) throws IOException {
        List<Table> tables = new ArrayList<>();
        DataFormatter format = new DataFormatter(Locale.ROOT);
        try (InputStream in = Files.newInputStream(file); Workbook book = WorkbookFactory.create(in)) {
            for (Sheet sheet : book) {
                List<Line> lines = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c), format));
                    }
                    lines.add(new Line(row.getRowNum() + 1, cells));
                }
                tables.add(table(file, sheet.getSheetName(), lines));
            }
        } catch (RuntimeException e) {
            // POI reports a damaged or foreign file with unchecked exceptions.
            throw new IOException("cannot read the workbook (" + e.getClass().getSimpleName() + ")", e);
        }
        return tables;
    }

    private static String text(Cell cell, DataFormatter format) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && !org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
            return new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
        }
        return format.formatCellValue(cell).strip();
    }

    private static Table csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // Excel saves with the list separator of the regional settings: ';' in Vietnam.
        String first = text.lines().findFirst().orElse("");
        char separator = first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        List<Line> lines = new ArrayList<>();
        try (Reader r = new StringReader(text);
                CSVParser parser = CSVParser.parse(r, CSVFormat.RFC4180.builder().setDelimiter(separator).get())) {
            for (CSVRecord record : parser) {
                lines.add(new Line((int) record.getRecordNumber(), record.stream().map(String::strip).toList()));
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IOException("not a well-formed CSV file: " + e.getMessage(), e);
        }
        String sheet = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return table(file, sheet, lines);
    }

    private static Table table(Path file, String sheet, List<Line> lines) {
        int h = 0;
        while (h < lines.size() && lines.get(h).blank()) {
            h++;
        }
        if (h == lines.size()) {
            return new Table(file, sheet, List.of(), List.of());
        }
        List<Line> rows = lines.subList(h + 1, lines.size()).stream().filter(l -> !l.blank()).toList();
        return new Table(file, sheet, lines.get(h).cells(), rows);
    }

    /** Header alias lists, by the field they fill. */
    static Map<String, List<String>> aliases(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(pairs[i], List.of(pairs[i + 1].split("\\|")));
        }
        return out;
    }
}
