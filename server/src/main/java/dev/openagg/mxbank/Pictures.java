package dev.openagg.mxbank;

import dev.openagg.connector.ChallengeOption;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The PNG images of MX Bank's image challenges, as data URIs. Letters come from a built-in 5x7 pixel font so that
 * no system font is needed on a headless server.
 */
final class Pictures {
    private static final int SCALE = 6;
    private static final Map<Character, String[]> GLYPHS = Map.of(
            'c', new String[] {".....", ".....", ".###.", "#....", "#....", "#....", ".###."},
            'o', new String[] {".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###."},
            'r', new String[] {".....", ".....", "#.##.", "##..#", "#....", "#....", "#...."},
            'e', new String[] {".....", ".....", ".###.", "#...#", "#####", "#....", ".###."},
            't', new String[] {".#...", ".#...", "####.", ".#...", ".#...", ".#..#", "..##."});

    private Pictures() {
    }

    /** A picture of {@code word} on a speckled background, for an IMAGE_DATA challenge. */
    static String word(String word) {
        int width = (word.length() * 6 + 4) * SCALE;
        int height = 11 * SCALE;
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
            String[] glyph = GLYPHS.get(word.charAt(i));
            if (glyph == null) {
                throw new IllegalArgumentException("no glyph for " + word.charAt(i));
            }
            for (int row = 0; row < glyph.length; row++) {
                for (int col = 0; col < glyph[row].length(); col++) {
                    if (glyph[row].charAt(col) == '#') {
                        g.fillRect((2 + i * 6 + col) * SCALE, (2 + row) * SCALE, SCALE, SCALE);
                    }
                }
            }
        }
        g.dispose();
        return dataUri(image);
    }

    /** Three shapes to pick from; the green circle's value is {@code rightValue}. */
    static List<ChallengeOption> shapeOptions(String rightValue) {
        return List.of(
                ChallengeOption.image("Red square", "red_square", shape(new Color(0xC0392B), 's')),
                ChallengeOption.image("Green circle", rightValue, shape(new Color(0x27AE60), 'c')),
                ChallengeOption.image("Blue triangle", "blue_triangle", shape(new Color(0x2E86C1), 't')));
    }

    private static String shape(Color color, char kind) {
        int size = 96;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(color);
        switch (kind) {
            case 's' -> g.fillRect(18, 18, 60, 60);
            case 'c' -> g.fillOval(16, 16, 64, 64);
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
