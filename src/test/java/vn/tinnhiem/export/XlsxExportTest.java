package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook is read back with POI, as Excel would open it. */
class XlsxExportTest {
    private static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static int column(Sheet sheet, String header) {
        for (Cell c : sheet.getRow(0)) {
            if (c.getStringCellValue().equals(header)) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + header);
    }

    @Test
    void countsAreNumbersAndSharesArePercentagesWithTwoDecimals() throws IOException {
        byte[] xlsx = ExportFixtures.export("vi").xlsx();
        ExportFixtures.keep("ket-qua-ltn-2026.xlsx", xlsx);
        try (XSSFWorkbook book = read(xlsx)) {
            Sheet sheet = book.getSheet("Kết quả");
            Row director = sheet.getRow(1);
            Cell high = director.getCell(column(sheet, "Tín nhiệm cao (số phiếu)"));
            assertEquals(CellType.NUMERIC, high.getCellType());
            assertEquals(448, high.getNumericCellValue());
            Cell share = director.getCell(column(sheet, "Tín nhiệm cao (tỷ lệ)"));
            assertEquals(CellType.NUMERIC, share.getCellType());
            assertEquals(0.9314, share.getNumericCellValue(), 1e-12);
            assertEquals("0.00%", share.getCellStyle().getDataFormatString());
            assertEquals("93.14%", new DataFormatter(java.util.Locale.ROOT).formatCellValue(share));
            assertEquals(485, director.getCell(column(sheet, "Phiếu phát ra")).getNumericCellValue());
            assertEquals(481, director.getCell(column(sheet, "Phiếu thu về")).getNumericCellValue());
            assertEquals("Nguyễn Văn An", director.getCell(column(sheet, "Họ và tên")).getStringCellValue());
            Row deputy2 = sheet.getRow(3);
            assertEquals(0.6674, deputy2.getCell(column(sheet, "Tín nhiệm thấp (tỷ lệ)")).getNumericCellValue(), 1e-12);
            assertEquals("TWO_THIRDS_LOW", deputy2.getCell(column(sheet, "Mã kết luận")).getStringCellValue());
            assertEquals(4, sheet.getPhysicalNumberOfRows());
        }
    }

    @Test
    void theReceiptCodesHaveASheetOfTheirOwn() throws IOException {
        try (XSSFWorkbook book = read(ExportFixtures.export("en").xlsx())) {
            Sheet receipts = book.getSheet("Receipt codes");
            List<String> codes = new ArrayList<>();
            for (Row r : receipts) {
                if (r.getRowNum() > 0) {
                    codes.add(r.getCell(0).getStringCellValue());
                }
            }
            assertEquals(ExportFixtures.receipts(), codes);
            assertTrue(book.getSheet("Results") != null);
        }
    }

    @Test
    void textCellsAreStringsNeverFormulasAndFormulaLikeTextIsGuarded() throws IOException {
        try (XSSFWorkbook book = read(ExportFixtures.hostileExport().xlsx())) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertTrue(cell.getCellType() == CellType.STRING || cell.getCellType() == CellType.NUMERIC,
                                sheet.getSheetName() + " " + cell.getAddress() + " is " + cell.getCellType());
                    }
                }
            }
            Sheet sheet = book.getSheet("Kết quả");
            int name = column(sheet, "Họ và tên");
            assertEquals("'" + ExportFixtures.HYPERLINK, sheet.getRow(1).getCell(name).getStringCellValue());
            assertEquals("'" + ExportFixtures.ARITHMETIC, sheet.getRow(2).getCell(name).getStringCellValue());
            assertEquals("'@SUM(1+1)", sheet.getRow(1).getCell(column(sheet, "Chức vụ")).getStringCellValue());
            assertEquals(CellType.NUMERIC, sheet.getRow(2).getCell(column(sheet, "STT")).getCellType());
        }
    }
}
