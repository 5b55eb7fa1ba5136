package vn.tinnhiem.export;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Messages;

/**
 * Invite slips (phiếu mời điểm danh): A4 pages of eight slips, two across and four down,
 * with dashed cut lines between them. Each slip carries the participant's name, the unit and
 * the vote, the invite code in short groups, a QR code of the Telegram deep link that checks
 * them in, and what to type in Zalo instead. The QR code is drawn as a raw image, one
 * pixel per module, scaled without smoothing, so it stays sharp at any zoom and prints crisp.
 */
public final class InviteSlips {
    private InviteSlips() {}

    /** One slip: whose it is and the code on it. */
    /**
     * Where a slip sends its reader: the Telegram bot's username (a QR code of its t.me deep
     * link), the Zalo bot's account name as getMe gives it, and a link to the Zalo bot copied
     * from the Zalo Bot Creator (its QR code, when there is no Telegram bot). Any may be null;
     * not both bots. The Zalo Bot Platform documents no URL form for a link to a bot
     * (bot.zaloplatforms.com/docs: the link is on the bot's page in the Zalo Bot Creator), so
     * none is ever made up here: without one the slip says to look the account up by name.
     */
    public record Bots(String telegram, String zaloName, String zaloLink) {
        public Bots {
            if (telegram == null && zaloName == null) {
                throw new IllegalArgumentException("a slip needs a Telegram or a Zalo bot");
            }
        }

        public static Bots telegram(String username) {
            return new Bots(username, null, null);
        }
    }

    /** A slip; {@code role} is null for a participant, else the staff role's name (a staff code). */
    public record Slip(String name, String code, String role) {
        public Slip(String name, String code) {
            this(name, code, null);
        }

        public Slip {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(code, "code");
        }
    }

    static final int COLUMNS = 2;
    static final int ROWS = 4;
    private static final float MARGIN = 28;
    private static final float PAD = 14;
    private static final Color GREY = new Color(0x77, 0x77, 0x77);

    /** The Telegram deep link that checks in with {@code code} (payload: the bare code). */
    public static String deepLink(String bot, String code) {
        return "https://t.me/" + bot + "?start=" + code;
    }

    /** The QR code's modules for {@code text}, without a quiet zone (the slip leaves white space around it). */
    static BitMatrix qr(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
    }

    /**
     * @param bot      the bot's Telegram username, without '@'
     * @param language the slips' language
     */
    public static byte[] render(VoteDefinition vote, List<Slip> slips, String bot, Locale language) {
        return render(vote, slips, Bots.telegram(bot), language);
    }

    /** As above, for the bots in {@code bots}: Telegram, Zalo, or both. */
    public static byte[] render(VoteDefinition vote, List<Slip> slips, Bots bot, Locale language) {
        Messages m = Messages.of(language);
        BaseFont regular = Fonts.pdf(Fonts.REGULAR);
        BaseFont bold = Fonts.pdf(Fonts.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle(m.get("slips.title") + " — " + vote.title());
            doc.addCreator("tinnhiem");
            doc.open();
            float width = (PageSize.A4.getWidth() - 2 * MARGIN) / COLUMNS;
            float height = (PageSize.A4.getHeight() - 2 * MARGIN) / ROWS;
            int perPage = COLUMNS * ROWS;
            for (int i = 0; i < slips.size(); i++) {
                if (i > 0 && i % perPage == 0) {
                    doc.newPage();
                }
                PdfContentByte canvas = writer.getDirectContent();
                if (i % perPage == 0) {
                    cutLines(canvas, width, height, Math.min(perPage, slips.size() - i));
                }
                int k = i % perPage;
                float left = MARGIN + (k % COLUMNS) * width;
                float top = PageSize.A4.getHeight() - MARGIN - (k / COLUMNS) * height;
                slip(canvas, new Rectangle(left, top - height, left + width, top), slips.get(i), vote, bot, m,
                        regular, bold);
            }
            if (slips.isEmpty()) {
                ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                        new Phrase(m.get("slips.none"), new Font(regular, 12)), PageSize.A4.getWidth() / 2,
                        PageSize.A4.getHeight() / 2, 0);
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("laying out the invite slips of " + vote.id(), e);
        }
        return out.toByteArray();
    }

    /**
     * Dashed lines around the page's first {@code count} cells only: the last page's empty
     * cells are not drawn, so they cannot be cut out and handed round as blank slips.
     */
    private static void cutLines(PdfContentByte canvas, float width, float height, int count) {
        canvas.saveState();
        canvas.setColorStroke(GREY);
        canvas.setLineWidth(0.6f);
        canvas.setLineDash(4, 3, 0);
        float top = PageSize.A4.getHeight() - MARGIN;
        for (int k = 0; k < count; k++) {
            float left = MARGIN + (k % COLUMNS) * width;
            float upper = top - (k / COLUMNS) * height;
            canvas.moveTo(left, upper);
            canvas.lineTo(left + width, upper);
            canvas.lineTo(left + width, upper - height);
            canvas.lineTo(left, upper - height);
            canvas.lineTo(left, upper);
        }
        canvas.stroke();
        canvas.restoreState();
    }

    private static void slip(PdfContentByte canvas, Rectangle box, Slip slip, VoteDefinition vote, Bots bot,
            Messages m, BaseFont regular, BaseFont bold) throws DocumentException {
        String link = bot.telegram() != null ? deepLink(bot.telegram(), slip.code()) : bot.zaloLink();
        float qrSize = 86;
        float qrLeft = box.getRight() - PAD - (link == null ? 0 : qrSize);
        float qrBottom = box.getTop() - PAD - qrSize;
        if (link != null) {
            canvas.addImage(qrImage(link, qrSize), qrSize, 0, 0, qrSize, qrLeft, qrBottom);
        }

        ColumnText text = new ColumnText(canvas);
        text.setSimpleColumn(box.getLeft() + PAD, box.getBottom() + PAD, qrLeft - 8, box.getTop() - PAD);
        text.addText(new Phrase((slip.role() == null ? m.get("slips.heading") : m.get("slips.staff.heading",
                slip.role())) + "\n", new Font(bold, 8.5f, Font.NORMAL, GREY)));
        text.addText(new Phrase(vote.title() + "\n", new Font(regular, 8.5f)));
        text.addText(new Phrase(vote.unit() + "\n\n", new Font(regular, 8.5f, Font.NORMAL, GREY)));
        text.addText(new Phrase(slip.name() + "\n", new Font(bold, 12)));
        text.setLeading(0, 1.25f);
        text.go();

        ColumnText code = new ColumnText(canvas);
        float codeTop = qrBottom - 6;
        code.setSimpleColumn(box.getLeft() + PAD, box.getBottom() + PAD, box.getRight() - PAD, codeTop);
        code.setLeading(0, 1.15f);
        code.addText(new Phrase(m.get(slip.role() == null ? "slips.code" : "slips.staff.code") + "  ",
                new Font(regular, 9)));
        code.addText(new Phrase(Codes.grouped(slip.code()) + "\n", new Font(bold, 17)));
        if (bot.telegram() != null) {
            code.addText(new Phrase(m.get("slips.telegram", "t.me/" + bot.telegram() + "?start=" + slip.code()) + "\n",
                    new Font(regular, 8.5f)));
        }
        if (bot.zaloName() != null) {
            String how = bot.zaloLink() == null ? "slips.zalo.nolink"
                    : bot.telegram() == null ? "slips.zalo.qr" : "slips.zalo.link";
            code.addText(new Phrase(m.get(how, bot.zaloName(), Codes.grouped(slip.code()), bot.zaloLink()) + "\n",
                    new Font(regular, 8.5f)));
        } else {
            code.addText(new Phrase(m.get("slips.zalo", Codes.grouped(slip.code())) + "\n", new Font(regular, 8.5f)));
        }
        code.addText(new Phrase(m.get("slips.secret"), new Font(regular, 7.5f, Font.ITALIC, GREY)));
        code.go();
    }

    /**
     * One 8-bit grey pixel per module (0 black, 255 white), scaled to {@code size}. (A 1-bit
     * image would be stored CCITT-encoded, which few tools besides viewers can read back.)
     */
    static Image qrImage(String text, float size) throws BadElementException {
        BitMatrix matrix = qr(text);
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        byte[] data = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = matrix.get(x, y) ? 0 : (byte) 0xFF;
            }
        }
        Image image = Image.getInstance(w, h, 1, 8, data);
        image.setInterpolation(false);
        image.scaleAbsolute(size, size);
        return image;
    }
}
