package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The pictures of IMAGE_DATA challenges drawn from a word: any text, read back as PNG and looked at pixel by pixel. */
class PicturesTest {
    private static final int INK = 0x1F3A5F;
    private static final int SCALE = 6;
    private static final int MARGIN = 2;

    @Test
    void a_word_is_a_png_that_image_io_reads_and_it_grows_with_the_text() throws IOException {
        BufferedImage one = png(Pictures.word("A"));
        BufferedImage nine = png(Pictures.word("Acme 2026"));

        assertThat(one.getHeight()).isEqualTo(nine.getHeight()).isEqualTo((7 + 2 * MARGIN) * SCALE);
        assertThat(one.getWidth()).isEqualTo((6 - 1 + 2 * MARGIN) * SCALE);
        assertThat(nine.getWidth()).isEqualTo((9 * 6 - 1 + 2 * MARGIN) * SCALE);
    }

    @Test
    void the_letters_are_drawn_where_the_font_puts_their_pixels() throws IOException {
        BufferedImage word = png(Pictures.word("L7"));

        for (int row = 0; row < 7; row++) {
            assertThat(inked(word, 0, 0, row)).as("L's upright, row %d", row).isTrue();
            assertThat(inked(word, 0, 4, row)).as("L's right edge, row %d", row).isEqualTo(row == 6);
        }
        for (int col = 0; col < 5; col++) {
            assertThat(inked(word, 1, col, 0)).as("7's top bar, column %d", col).isTrue();
        }
        assertThat(inked(word, 1, 0, 6)).as("7's bottom left").isFalse();
    }

    @Test
    void every_letter_and_digit_has_a_glyph_of_its_own_and_anything_else_shows_as_a_box() {
        String box = Pictures.word("~");
        Set<String> seen = new HashSet<>();
        String drawable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (char c : drawable.toCharArray()) {
            String picture = Pictures.word(String.valueOf(c));
            assertThat(picture).as("%s is not a box", c).isNotEqualTo(box);
            assertThat(seen.add(picture)).as("%s looks like no other character", c).isTrue();
        }
        assertThat(Pictures.word("é")).isEqualTo(box);
    }

    @Test
    void a_space_leaves_a_gap_with_no_ink() throws IOException {
        BufferedImage word = png(Pictures.word("a b"));

        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 5; col++) {
                assertThat(inked(word, 1, col, row)).isFalse();
            }
        }
    }

    /** Whether the font pixel ({@code col}, {@code row}) of the {@code index}th character is ink. */
    private static boolean inked(BufferedImage image, int index, int col, int row) {
        int x = (MARGIN + index * 6 + col) * SCALE + SCALE / 2;
        int y = (MARGIN + row) * SCALE + SCALE / 2;
        return (image.getRGB(x, y) & 0xFFFFFF) == INK;
    }

    static BufferedImage png(String dataUri) throws IOException {
        assertThat(dataUri).startsWith("data:image/png;base64,");
        byte[] bytes = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("a PNG ImageIO reads").isNotNull();
        return image;
    }
}
