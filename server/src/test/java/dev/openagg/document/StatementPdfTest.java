package dev.openagg.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.document.StatementSheet.Line;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementPdfTest {
    private static final BigDecimal OPENING = new BigDecimal("1000.00");

    @Test
    void statement_shows_header_summary_and_each_line_with_its_running_balance() throws IOException {
        Rendered pdf = renderedCleanly(sheet(List.of(
                new Line(LocalDate.of(2025, 10, 1), "Payroll deposit", new BigDecimal("2500.00")),
                new Line(LocalDate.of(2025, 10, 3), "Rent", new BigDecimal("-1850.00")),
                new Line(LocalDate.of(2025, 10, 9), "Grocery store", new BigDecimal("-64.25")))));

        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(pdf.text()).contains("MX Bank", "Account statement", "Oct 1, 2025 - Oct 31, 2025",
                "Everyday Checking  XXXXXX9876", "Ada Lovelace", "1 Analytical Row",
                "Opening balance $ 1,000.00", "Deposits and credits $ 2,500.00", "Withdrawals and debits $ -1,914.25",
                "Closing balance $ 1,585.75",
                "Oct 1, 2025 Payroll deposit 2,500.00 3,500.00",
                "Oct 3, 2025 Rent -1,850.00 1,650.00",
                "Oct 9, 2025 Grocery store -64.25 1,585.75");
    }

    @Test
    void long_statement_flows_onto_more_pages_and_ends_with_its_closing_balance() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            BigDecimal amount = new BigDecimal(i % 3 == 0 ? "250.00" : "-12.34");
            lines.add(new Line(LocalDate.of(2025, 10, 1 + i % 28), "Merchant number " + i, amount));
        }
        StatementSheet sheet = sheet(lines);

        Rendered pdf = renderedCleanly(sheet);

        assertThat(pdf.pages()).isGreaterThan(1);
        assertThat(sheet.closingBalance()).isEqualByComparingTo("10012.80");
        assertThat(pdf.text()).contains("Merchant number 1 -12.34 987.66", "Merchant number 120 250.00 10,012.80",
                "Closing balance 10,012.80");
        assertThat(pdf.text().split("Description", -1)).hasSize(pdf.pages() + 1);
    }

    @Test
    void descriptions_too_wide_for_their_column_are_cut_short_before_the_amount() throws IOException {
        String wide = "W".repeat(60);
        Rendered pdf = renderedCleanly(sheet(List.of(
                new Line(LocalDate.of(2025, 10, 2), wide, new BigDecimal("-999999.99")))));

        assertThat(pdf.text()).contains("WWW...", "-999,999.99").doesNotContain(wide);
    }

    @Test
    void curly_quotes_and_accents_survive_and_characters_without_a_glyph_become_question_marks() throws IOException {
        Rendered pdf = renderedCleanly(sheet(List.of(
                new Line(LocalDate.of(2025, 10, 2), "Joe’s Café — €5 lunch", new BigDecimal("-5.00")),
                new Line(LocalDate.of(2025, 10, 3), "寿司 bar\ttip", new BigDecimal("-2.00")))));

        assertThat(pdf.text()).contains("Joe’s Café — €5 lunch", "?? bar tip");
    }

    private static StatementSheet sheet(List<Line> lines) {
        BigDecimal closing = lines.stream().map(Line::amount).reduce(OPENING, BigDecimal::add);
        return new StatementSheet("MX Bank", "Everyday Checking", "XXXXXX9876", "Ada Lovelace",
                List.of("1 Analytical Row", "Provo, UT 84601"), LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31),
                OPENING, closing, lines);
    }

    private static Rendered renderedCleanly(StatementSheet sheet) throws IOException {
        byte[] bytes = StatementPdf.render(sheet);
        assertThat(new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        Rendered pdf = Rendered.read(bytes);
        assertThat(pdf.collisions()).isEmpty();
        return pdf;
    }
}
