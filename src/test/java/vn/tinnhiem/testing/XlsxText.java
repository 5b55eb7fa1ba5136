package vn.tinnhiem.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The text a reader of a workbook sees (every sheet, every cell as Excel formats it), for tests. */
public final class XlsxText {
    private XlsxText() {
    }

    /** Each row on a line, cells separated by tabs, sheets one after the other. */
    public static String of(byte[] xlsx) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter format = new DataFormatter(java.util.Locale.ROOT);
            StringBuilder b = new StringBuilder();
            for (Sheet sheet : book) {
                b.append(sheet.getSheetName()).append('\n');
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        b.append(format.formatCellValue(cell)).append('\t');
                    }
                    b.append('\n');
                }
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
