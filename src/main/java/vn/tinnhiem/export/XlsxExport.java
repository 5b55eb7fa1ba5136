package vn.tinnhiem.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.chat.Messages;

/**
 * The results as an Excel workbook: the CSV's columns, but counts are numbers and shares are
 * percentages (a fraction with the cell format {@code 0.00%}), so Excel neither splits rows
 * at the wrong separator nor reads decimals as text, whatever the regional settings. A
 * second sheet lists the receipt codes. Text cells are written as strings (never formulas)
 * and still go through {@link FormulaGuard}, for whoever saves the sheet as CSV again.
 */
final class XlsxExport {
    private XlsxExport() {}

    static byte[] render(ResultsExport export) {
        Messages m = export.messages();
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font boldFont = book.createFont();
            boldFont.setBold(true);
            bold.setFont(boldFont);
            bold.setWrapText(true);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.00%"));

            Sheet sheet = book.createSheet(m.get("export.xlsx.sheet.results"));
            List<String> header = export.header(name -> List.of(m.get("export.csv.count", name),
                    m.get("export.xlsx.percent", name)));
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                text(head, i, header.get(i)).setCellStyle(bold);
            }
            int order = 1;
            for (LeaderResult r : export.results().leaders()) {
                Row row = sheet.createRow(order);
                int col = 0;
                number(row, col++, order++);
                text(row, col++, r.leader().id());
                text(row, col++, r.leader().fullName());
                text(row, col++, r.leader().position());
                number(row, col++, r.issued());
                number(row, col++, r.returned());
                number(row, col++, r.denominator());
                for (Choice c : Choice.values()) {
                    number(row, col++, r.counts().count(c));
                    // 93.14 (%) is stored as 0.9314: the exact two-decimal value, divided exactly.
                    BigDecimal share = r.percent(c).value().divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
                    Cell cell = row.createCell(col++);
                    cell.setCellValue(share.doubleValue());
                    cell.setCellStyle(percent);
                }
                number(row, col++, r.valid());
                number(row, col++, r.invalid());
                text(row, col++, r.verdict().name());
                text(row, col, export.verdictText(r.verdict()));
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < header.size(); i++) {
                sheet.setColumnWidth(i, (i == 2 || i == header.size() - 1 ? 28 : 14) * 256);
            }

            Sheet receipts = book.createSheet(m.get("export.xlsx.sheet.receipts"));
            text(receipts.createRow(0), 0, m.get("export.xlsx.receipt")).setCellStyle(bold);
            int i = 1;
            for (String code : export.receipts()) {
                text(receipts.createRow(i++), 0, code);
            }
            receipts.setColumnWidth(0, 18 * 256);

            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing XLSX to memory", e);
        }
    }

    private static Cell text(Row row, int col, String value) {
        Cell cell = row.createCell(col);
        cell.setCellValue(FormulaGuard.text(value));
        return cell;
    }

    private static void number(Row row, int col, long value) {
        row.createCell(col).setCellValue(value);
    }
}
