package dev.openagg.document;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A thin drawing surface over PDFBox: US Letter pages, text in the standard Helvetica fonts (no font files needed),
 * ruled boxes. Coordinates are points from the page's top-left corner, which reads more naturally for forms.
 */
final class PdfCanvas implements AutoCloseable {
    static final float WIDTH = PDRectangle.LETTER.getWidth();
    static final float HEIGHT = PDRectangle.LETTER.getHeight();
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document = new PDDocument();
    private PDPageContentStream page;

    PdfCanvas() {
        newPage();
    }

    void newPage() {
        try {
            if (page != null) {
                page.close();
            }
            PDPage next = new PDPage(PDRectangle.LETTER);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int pages() {
        return document.getNumberOfPages();
    }

    void text(float x, float top, float size, boolean bold, String text) {
        try {
            page.beginText();
            page.setFont(bold ? BOLD : REGULAR, size);
            page.newLineAtOffset(x, HEIGHT - top);
            page.showText(printable(text));
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard fonts encode Latin-1 only; anything else is shown as '?'. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x100 ? (char) c : '?'));
        return out.toString();
    }

    /** Text ending at {@code right}, for amounts in columns. */
    void textRight(float right, float top, float size, boolean bold, String text) {
        try {
            float width = (bold ? BOLD : REGULAR).getStringWidth(printable(text)) / 1000 * size;
            text(right - width, top, size, bold, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void box(float x, float top, float width, float height) {
        try {
            page.setStrokingColor(Color.DARK_GRAY);
            page.setLineWidth(0.7f);
            page.addRect(x, HEIGHT - top - height, width, height);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void shade(float x, float top, float width, float height) {
        try {
            page.setNonStrokingColor(new Color(0xEE, 0xF2, 0xF7));
            page.addRect(x, HEIGHT - top - height, width, height);
            page.fill();
            page.setNonStrokingColor(Color.BLACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(float x1, float top, float x2) {
        try {
            page.setStrokingColor(Color.GRAY);
            page.setLineWidth(0.5f);
            page.moveTo(x1, HEIGHT - top);
            page.lineTo(x2, HEIGHT - top);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1,234.56 (negative amounts with a leading minus). */
    static String money(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return format.format(amount);
    }

    /**
     * The finished file. Its trailer ID is derived from {@code identity} rather than from the clock, so the same
     * document renders to the same bytes (and content hash) every time.
     */
    byte[] finish(String identity) {
        try (document) {
            page.close();
            byte[] id = MessageDigest.getInstance("MD5").digest(identity.getBytes(StandardCharsets.UTF_8));
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
