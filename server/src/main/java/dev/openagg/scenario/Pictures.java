package dev.openagg.scenario;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The PNG images of image challenges, as data URIs. Text is drawn with a built-in pixel font ({@link Glyphs}) so
 * that no system font is needed on a headless server.
 */
public final class Pictures {
    /** The shapes {@link #shape} draws. */
    public static final List<String> SHAPES = List.of("square", "circle", "triangle");
    /** The longest text {@link #word} draws, which bounds the picture's width. */
    public static final int LONGEST_WORD = 40;
    private static final int SCALE = 6;
    /** Pixels of the font from one character to the next, one of them a gap. */
    private static final int ADVANCE = Glyphs.WIDTH + 1;
    private static final int MARGIN = 2;

    private Pictures() {
    }

    /**
     * A picture of {@code word} on a speckled background, for an IMAGE_DATA challenge: letters as written (capital
     * or small), digits and spaces; any other character shows as an empty box. Its width grows with the text.
     */
    public static String word(String word) {
        if (word.isEmpty() || word.length() > LONGEST_WORD) {
            throw new IllegalArgumentException("a word of 1 to " + LONGEST_WORD + " characters");
        }
        int width = (word.length() * ADVANCE - 1 + 2 * MARGIN) * SCALE;
        int height = (Glyphs.HEIGHT + 2 * MARGIN) * SCALE;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xF4F1E8));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xC9C2AE));
        for (int x = 0; x < width; x += 7) {
            g.drawLine(x, 0, x + height / 2, height);
        }
        g.setColor(new Color(0x1F3A5F));
        for (int i = 0; i < word.length(); i++) {
            String[] glyph = Glyphs.of(word.charAt(i));
            for (int row = 0; row < glyph.length; row++) {
                for (int col = 0; col < glyph[row].length(); col++) {
                    if (glyph[row].charAt(col) == '#') {
                        g.fillRect((MARGIN + i * ADVANCE + col) * SCALE, (MARGIN + row) * SCALE, SCALE, SCALE);
                    }
                }
            }
        }
        g.dispose();
        return dataUri(image);
    }

    /** A filled square, circle or triangle in colour {@code rgb} on white, for an IMAGE_OPTIONS choice. */
    public static String shape(String kind, int rgb) {
        if (!SHAPES.contains(kind)) {
            throw new IllegalArgumentException("no shape " + kind);
        }
        Color color = new Color(rgb);
        int size = 96;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(color);
        switch (kind) {
            case "square" -> g.fillRect(18, 18, 60, 60);
            case "circle" -> g.fillOval(16, 16, 64, 64);
            default -> g.fillPolygon(new int[] {48, 14, 82}, new int[] {14, 80, 80}, 3);
        }
        g.dispose();
        return dataUri(image);
    }

    private static String dataUri(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
