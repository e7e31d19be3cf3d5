package dev.openagg.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.TaxFormData;
import dev.openagg.connector.TaxFormData.Box;
import dev.openagg.connector.TaxFormData.Party;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxFormPdfTest {
    private static final Party PAYER = new Party("Payer", "MX Bank", "12-3456789",
            List.of("100 Sandbox Way", "Lehi, UT 84043"));
    private static final Party RECIPIENT = new Party("Recipient", "Ada Lovelace", "***-**-1234",
            List.of("1 Analytical Row", "Provo, UT 84601"));

    @Test
    void interest_form_shows_payer_recipient_year_and_boxes() throws IOException {
        TaxFormData form = new TaxFormData("1099-INT", "Interest Income", 2025, PAYER, RECIPIENT, "XXXXXX4321", List.of(
                new Box("1", "Interest income", new BigDecimal("1234.56")),
                new Box("3", "Interest on U.S. Savings Bonds and Treasury obligations", new BigDecimal("75.10")),
                new Box("4", "Federal income tax withheld", new BigDecimal("0.00"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("Form 1099-INT", "Interest Income", "2025", "MX Bank", "12-3456789",
                "Ada Lovelace", "***-**-1234", "Provo, UT 84601", "Account number: XXXXXX4321",
                "$ 1,234.56", "$ 75.10", "$ 0.00");
    }

    @Test
    void dividend_form_shows_payer_recipient_year_and_boxes() throws IOException {
        TaxFormData form = new TaxFormData("1099-DIV", "Dividends and Distributions", 2024, PAYER, RECIPIENT, null, List.of(
                new Box("1a", "Total ordinary dividends", new BigDecimal("880.40")),
                new Box("1b", "Qualified dividends", new BigDecimal("612.05")),
                new Box("2a", "Total capital gain distributions", new BigDecimal("1500.00"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("Form 1099-DIV", "Dividends and Distributions", "2024", "MX Bank", "12-3456789",
                "Ada Lovelace", "***-**-1234", "1a", "2a", "$ 880.40", "$ 612.05", "$ 1,500.00");
        assertThat(pdf.text()).doesNotContain("Account number");
    }

    @Test
    void broker_form_shows_payer_recipient_year_and_boxes_including_a_loss() throws IOException {
        TaxFormData form = new TaxFormData("1099-B", "Proceeds From Broker and Barter Exchange Transactions", 2025, PAYER,
                RECIPIENT, null, List.of(
                new Box("1d", "Proceeds", new BigDecimal("1234567.89")),
                new Box("1e", "Cost or other basis", new BigDecimal("1269135.78")),
                new Box("2", "Short-term gain or (loss)", new BigDecimal("-34567.89"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("Form 1099-B", "Proceeds From Broker and Barter Exchange Transactions", "2025",
                "MX Bank", "12-3456789", "Ada Lovelace", "***-**-1234",
                "$ 1,234,567.89", "$ 1,269,135.78", "$ -34,567.89");
    }

    @Test
    void wage_statement_shows_employer_employee_year_and_boxes() throws IOException {
        TaxFormData form = new TaxFormData("W-2", "Wage and Tax Statement", 2025,
                new Party("Employer", "Sandbox Payroll Services", "98-7654321", PAYER.address()),
                new Party("Employee", "Ada Lovelace", "***-**-1234", RECIPIENT.address()), null, List.of(
                new Box("1", "Wages, tips, other compensation", new BigDecimal("84000.00")),
                new Box("2", "Federal income tax withheld", new BigDecimal("9120.55")),
                new Box("3", "Social security wages", new BigDecimal("84000.00")),
                new Box("4", "Social security tax withheld", new BigDecimal("5208.00")),
                new Box("5", "Medicare wages and tips", new BigDecimal("84000.00")),
                new Box("6", "Medicare tax withheld", new BigDecimal("1218.00"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("Form W-2", "Wage and Tax Statement", "2025", "EMPLOYER'S TIN: 98-7654321",
                "Sandbox Payroll Services", "EMPLOYEE'S TIN: ***-**-1234", "Ada Lovelace",
                "$ 84,000.00", "$ 9,120.55", "$ 5,208.00", "$ 1,218.00");
    }

    @Test
    void a_long_address_grows_the_party_blocks_instead_of_running_into_the_tin() throws IOException {
        Party abroad = new Party("Recipient", "Ada Lovelace", "***-**-1234",
                List.of("Flat 4", "12 St James's Square", "Marylebone", "London SW1Y 4JH", "United Kingdom"));
        TaxFormData form = new TaxFormData("1099-INT", "Interest Income", 2025, PAYER, abroad, "XXXXXX4321",
                List.of(new Box("1", "Interest income", new BigDecimal("12.00"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("Flat 4", "London SW1Y 4JH", "United Kingdom", "RECIPIENT'S TIN: ***-**-1234");
    }

    @Test
    void names_and_labels_too_wide_for_their_box_are_cut_short() throws IOException {
        String name = "The Extraordinarily Long Named Family Revocable Living Trust of 1987";
        String label = "A label far longer than any box on an IRS form would ever have room for, really";
        TaxFormData form = new TaxFormData("1099-INT", "Interest Income", 2025, PAYER,
                new Party("Recipient", name, "XX-XXX4567", RECIPIENT.address()), null,
                List.of(new Box("1", label, new BigDecimal("1.00"))));

        Rendered pdf = renderedCleanly(form);

        assertThat(pdf.text()).contains("The Extraordinarily Long", "A label far longer", "...").doesNotContain(name, label);
    }

    @Test
    void the_same_form_renders_to_the_same_bytes() {
        TaxFormData form = new TaxFormData("1099-INT", "Interest Income", 2025, PAYER, RECIPIENT, null,
                List.of(new Box("1", "Interest income", new BigDecimal("1.00"))));

        assertThat(TaxFormPdf.render(form)).isEqualTo(TaxFormPdf.render(form));
    }

    private static Rendered renderedCleanly(TaxFormData form) throws IOException {
        byte[] bytes = TaxFormPdf.render(form);
        assertThat(new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        Rendered pdf = Rendered.read(bytes);
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(pdf.collisions()).isEmpty();
        return pdf;
    }
}
