package vn.tinnhiem.export;

import com.lowagie.text.PageSize;
import com.lowagie.text.Rectangle;

/**
 * The page of the minutes, the same in the PDF and the DOCX, from Nghị định 30/2020/NĐ-CP, Phụ
 * lục I, Phần I (thể thức và kỹ thuật trình bày văn bản hành chính), mục I: "Khổ giấy: Khổ A4
 * (210 mm x 297 mm)"; "Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 -
 * 35 mm, cách mép phải 15 - 20 mm". The narrowest margins the decree allows (20, 20, 30, 15 mm)
 * are also those of Hướng dẫn 36-HD/VPTW for a Party document, and leave the most room for the
 * results table. Sizes in points, as both libraries take them.
 */
final class Layout {
    private Layout() {}

    static final float MM = 72f / 25.4f;
    static final Rectangle A4 = PageSize.A4;
    static final float TOP = 20 * MM;
    static final float BOTTOM = 20 * MM;
    static final float LEFT = 30 * MM;
    static final float RIGHT = 15 * MM;
    static final float TEXT_WIDTH = A4.getWidth() - LEFT - RIGHT;
    /** The page number's baseline above the text, inside the top margin (mục I.7). */
    static final float PAGE_NUMBER_RAISE = 8 * MM;

    /** Body text: "cỡ chữ từ 13 đến 14" (mục II.6.e). */
    static final float BODY = 13;
    /** Kind and summary of the document: 13 to 14, bold (mục II.5.b). */
    static final float TITLE = 14;
    /** Quốc hiệu: "cỡ chữ từ 12 đến 13, kiểu chữ đứng, đậm" (mục II.1.a). */
    static final float NATIONAL_NAME = 12;
    /** Tiêu ngữ: "cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm" (mục II.1.b). */
    static final float MOTTO = 13;
    /** The issuing body and the unit above it: "cỡ chữ từ 12 đến 13" (mục II.2.b). */
    static final float HEAD_NAME = 12.5f;
    /** "ĐẢNG CỘNG SẢN VIỆT NAM" is set larger than the national name in Party documents (36-HD/VPTW). */
    static final float PARTY_NAME = 14;
    /** The results table and the notes under it; the decree sets no size for a table's cells. */
    static final float TABLE = 11;
    /** The digest and the fingerprint, 64 hexadecimal digits each. */
    static final float SMALL = 10;

    /** "khi xuống dòng, chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm" (mục II.6.e). */
    static final float INDENT = 10 * MM;
    /** "khoảng cách giữa các đoạn văn tối thiểu là 6pt" (mục II.6.e). */
    static final float PARAGRAPH_SPACING = 6;
    static final float AFTER_HEADING = 14;
    static final float AFTER_TITLE = 10;
    /** Room for a handwritten signature between the role and the name. */
    static final float SIGNATURE_SPACE = 56;

    /**
     * The heading's columns: the national name at 12 pt bold is 250 pt long in Liberation Serif (and
     * Times New Roman) and must stay on one line, so the right column is the wider: 281 pt.
     */
    static final float HEAD_LEFT = 40;
    static final float HEAD_RIGHT = 60;

    /** The results table's columns: order, leader, high, medium, low, valid, invalid, verdict. */
    static final float[] COLUMNS = {29, 184, 48, 48, 48, 34, 40, 36};
}
