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
            page.setFont(font(bold), size);
            page.newLineAtOffset(x, HEIGHT - top);
            page.showText(printable(font(bold), text));
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text ending at {@code right}, for amounts in columns. */
    void textRight(float right, float top, float size, boolean bold, String text) {
        text(right - width(text, size, bold), top, size, bold, text);
    }

    /** The text as drawn, cut short with "..." where it would be wider than {@code width}. */
    static String fit(String text, float size, boolean bold, float width) {
        if (width(text, size, bold) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "...", size, bold) > width) {
            cut = cut.substring(0, cut.length() - Character.charCount(cut.codePointBefore(cut.length())));
        }
        return cut.stripTrailing() + "...";
    }

    static float width(String text, float size, boolean bold) {
        try {
            return font(bold).getStringWidth(printable(font(bold), text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDType1Font font(boolean bold) {
        return bold ? BOLD : REGULAR;
    }

    /**
     * The standard fonts cover WinAnsi only (Latin-1 plus curly quotes, dashes, the euro sign); any other character is
     * shown as '?' rather than failing the whole document, and control characters as spaces.
     */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String glyph = Character.isISOControl(c) ? " " : Character.toString(c);
            try {
                font.encode(glyph);
                out.append(glyph);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
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
