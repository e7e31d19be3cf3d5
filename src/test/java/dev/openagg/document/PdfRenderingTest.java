package dev.openagg.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfRenderingTest {

    @Test
    void a_tax_form_shows_its_name_year_parties_and_every_box() throws IOException {
        TaxForm form = new TaxForm("1099-INT", "Interest Income", 2025,
                new TaxForm.Party("Payer", "MX Bank", "12-3456789", List.of("100 Sandbox Way", "Lehi, UT 84043")),
                new TaxForm.Party("Recipient", "Ada Lovelace", "***-**-1234", List.of("1 Analytical Row", "Provo, UT 84601")),
                "XXXXXX4321",
                List.of(new TaxForm.Box("1", "Interest income", new BigDecimal("1234.56")),
                        new TaxForm.Box("4", "Federal income tax withheld", new BigDecimal("0.00"))));

        byte[] pdf = TaxFormPdf.render(form);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("Form 1099-INT", "Interest Income", "2025",
                    "MX Bank", "12-3456789", "Ada Lovelace", "***-**-1234", "Provo, UT 84601", "XXXXXX4321",
                    "$ 1,234.56", "$ 0.00");
        }
        assertThat(TaxFormPdf.render(form)).isEqualTo(pdf);
    }

    @Test
    void a_long_statement_flows_onto_more_pages_and_ends_with_its_closing_balance() throws IOException {
        List<StatementSheet.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= 120; i++) {
            BigDecimal amount = new BigDecimal(i % 3 == 0 ? "250.00" : "-12.34");
            lines.add(new StatementSheet.Line(LocalDate.of(2026, 10, 1 + i % 28), "Merchant number " + i, amount));
            total = total.add(amount);
        }
        BigDecimal opening = new BigDecimal("1000.00");
        StatementSheet sheet = new StatementSheet("MX Bank", "Everyday Checking", "XXXXXX9876", "Ada Lovelace",
                List.of("1 Analytical Row"), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), opening,
                opening.add(total), lines);

        try (PDDocument document = Loader.loadPDF(StatementPdf.render(sheet))) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Merchant number 1 -12.34").contains("Merchant number 120").contains("Opening balance")
                    .contains("$ 1,000.00").contains(PdfCanvas.money(opening.add(total)));
        }
    }
}
