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

    /**
     * Every sheet of a workbook, or the one table of a CSV file.
     *
     * @throws IOException with a message fit to follow the file's name ("file not found")
     */
    static List<Table> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
            throw new IOException("not a .xlsx or .csv file");
        }
        if (!Files.exists(file)) {
            throw new IOException("file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("cannot be read (a folder, or no permission)");
        }
        return name.endsWith(".csv") ? List.of(csv(file)) : workbook(file);
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
        if (type == CellType.NUMERIC) {
            // A date cell (a deadline typed in Excel) as ISO 8601, whatever the computer's date format.
            return cell.getLocalDateTimeCellValue().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        }
        return nfc(format.formatCellValue(cell));
    }

    /**
     * A cell's text, trimmed and in Unicode NFC: a name typed or pasted with combining accents
     * (NFD, or Windows-1258's tone marks) is the same name as the precomposed one.
     */
    static String nfc(String cell) {
        return Normalizer.normalize(cell, Normalizer.Form.NFC).strip();
    }

    /**
     * The text of a CSV file in the encodings Excel and older Vietnamese tools save: UTF-8
     * (with or without a byte-order mark), UTF-16 ("Unicode text", with its mark, or without
     * one when every other byte is 0) and Windows-1258 (the ANSI code page of Vietnamese
     * Windows, which writes tone marks as combining characters). Bytes that are not UTF-8 are
     * read as Windows-1258, which maps every byte.
     */
    static String decode(byte[] b) throws IOException {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return strict(b, 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE);
        }
        int zeroOdd = 0;
        int zeroEven = 0;
        for (int i = 0; i < Math.min(b.length, 4096); i++) {
            if (b[i] == 0) {
                if (i % 2 == 0) {
                    zeroEven++;
                } else {
                    zeroOdd++;
                }
            }
        }
        if (zeroOdd + zeroEven > 0) {
            return strict(b, 0, zeroOdd >= zeroEven ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        }
        try {
            return strict(b, 0, StandardCharsets.UTF_8);
        } catch (IOException notUtf8) {
            return new String(b, java.nio.charset.Charset.forName("windows-1258"));
        }
    }

    private static String strict(byte[] b, int from, java.nio.charset.Charset charset) throws IOException {
        try {
            return charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, from, b.length - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("not " + charset.displayName(Locale.ROOT) + " text: save it again from Excel as"
                    + " \"CSV UTF-8\", or as .xlsx", e);
        }
    }

    private static Table csv(Path file) throws IOException {
        String text = decode(Files.readAllBytes(file));
        // Excel saves with the list separator of the regional settings: ';' in Vietnam; its
        // "Unicode text" (UTF-16) is separated by tabs.
        String first = text.lines().findFirst().orElse("");
        long semicolons = first.chars().filter(c -> c == ';').count();
        long commas = first.chars().filter(c -> c == ',').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        char separator = tabs > semicolons && tabs > commas ? '\t' : semicolons > commas ? ';' : ',';
        List<Line> lines = new ArrayList<>();
        try (Reader r = new StringReader(text);
                CSVParser parser = CSVParser.parse(r, CSVFormat.RFC4180.builder().setDelimiter(separator).get())) {
            for (CSVRecord record : parser) {
                lines.add(new Line((int) record.getRecordNumber(), record.stream().map(Sheets::nfc).toList()));
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
