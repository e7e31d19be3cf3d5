package dev.openagg.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import dev.openagg.support.FreshServerTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Tax documents and statements behind the MFA flow, down to the text of their PDFs. */
class DocumentApiTest extends FreshServerTest {

    @Test
    void the_guides_options_flow_fetches_real_tax_forms() throws IOException {
        String member = flow.member("options", true);
        assertThat(flow.start(member, "fetch_tax_documents").status()).isEqualTo(202);
        JsonNode phone = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        flow.resume(member, phone.get("guid").asText(), phone.at("/options/0/value").asText());
        JsonNode code = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        flow.resume(member, code.get("guid").asText(), "correct");
        flow.awaitStatus(member, "CONNECTED");

        JsonNode listing = api.get(flow.path(member, "tax_documents")).json();
        JsonNode documents = listing.get("tax_documents");
        int year = today().getYear() - 1;
        assertThat(documents.findValuesAsText("document_type"))
                .contains("TAX1099_INT", "TAX1099_DIV", "TAX1099_B", "TAXW_2");
        assertThat(documents.findValuesAsText("tax_year")).contains(String.valueOf(year), String.valueOf(year - 1));
        assertThat(listing.at("/pagination/total_entries").asInt()).isEqualTo(documents.size());
        JsonNode first = documents.get(0);
        assertThat(first.size()).isEqualTo(10);
        assertThat(first.get("guid").asText()).startsWith("TAX-");
        assertThat(first.get("uri").asText()).isEqualTo(flow.path(member, "tax_documents/" + first.get("guid").asText() + ".pdf"));
        assertThat(api.get(flow.path(member, "tax_documents/" + first.get("guid").asText())).json()
                .at("/tax_document/content_hash").asText()).isEqualTo(first.get("content_hash").asText());

        for (JsonNode document : documents) {
            Reply pdf = api.withHeader("Accept", "application/vnd.mx.api.v1+pdf").get(document.get("uri").asText());
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.header("Content-Type")).isEqualTo("application/vnd.mx.api.v1+pdf");
            assertThat(pdf.header("Content-Disposition")).contains(document.get("guid").asText() + ".pdf");
            assertThat(new String(pdf.bytes(), 0, 5)).isEqualTo("%PDF-");
            String text = text(pdf.bytes());
            String form = document.get("document_type").asText().substring(3).replace('_', '-');
            assertThat(text).contains("Form " + form).contains(document.get("tax_year").asText());
            assertThat(text).contains("***-**-");
        }
    }

    @Test
    void interest_and_dividends_on_the_forms_agree_with_the_accounts() throws IOException {
        String member = flow.member("password", true);
        flow.start(member, "extend_history");
        flow.awaitStatus(member, "CONNECTED");
        flow.start(member, "identify");
        flow.awaitStatus(member, "CONNECTED");
        flow.start(member, "fetch_tax_documents");
        flow.awaitStatus(member, "CONNECTED");
        int year = today().getYear() - 1;

        BigDecimal interest = BigDecimal.ZERO;
        BigDecimal dividends = BigDecimal.ZERO;
        for (JsonNode t : transactions(member, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))) {
            String category = t.get("category").asText();
            if (category.equals("Interest Income")) {
                interest = interest.add(t.get("amount").decimalValue());
            } else if (category.equals("Dividend & Cap Gains")) {
                dividends = dividends.add(t.get("amount").decimalValue());
            }
        }
        assertThat(interest).isPositive();
        String owner = api.get(flow.path(member, "account_owners")).json().at("/account_owners/0/owner_name").asText();

        String interestForm = text(pdfOf(member, "TAX1099_INT", year));
        assertThat(interestForm).contains("Form 1099-INT").contains(String.valueOf(year)).contains("MX Bank")
                .contains(owner).contains("$ " + money(interest));
        String dividendForm = text(pdfOf(member, "TAX1099_DIV", year));
        assertThat(dividendForm).contains("Form 1099-DIV").contains(owner);
        assertThat(dividends).isPositive();
        assertThat(box(dividendForm, "1a Total ordinary dividends").add(box(dividendForm, "2a Total capital gain distributions")))
                .isEqualByComparingTo(dividends);
        assertThat(api.get(flow.path(member, "tax_documents")).json().get("tax_documents").findValuesAsText("document_type"))
                .doesNotContain("TAXW_2");
    }

    @Test
    void fetching_again_updates_documents_instead_of_duplicating_them() {
        String member = flow.member("password", true);
        flow.start(member, "fetch_tax_documents");
        flow.awaitStatus(member, "CONNECTED");
        JsonNode before = api.get(flow.path(member, "tax_documents")).json().get("tax_documents");

        server.clock.advance(Duration.ofHours(2));
        flow.start(member, "fetch_tax_documents");
        flow.awaitStatus(member, "CONNECTED");

        JsonNode after = api.get(flow.path(member, "tax_documents")).json().get("tax_documents");
        assertThat(after.findValuesAsText("guid")).isEqualTo(before.findValuesAsText("guid"));
        assertThat(after.findValuesAsText("content_hash")).isEqualTo(before.findValuesAsText("content_hash"));
        assertThat(after.get(0).get("created_at").asText()).isEqualTo(before.get(0).get("created_at").asText());
        assertThat(after.get(0).get("updated_at").asText()).isNotEqualTo(before.get(0).get("updated_at").asText());
    }

    @Test
    void statements_cover_three_months_of_each_bank_account_with_their_transactions() throws IOException {
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");
        flow.start(member, "fetch_statements");
        flow.awaitStatus(member, "CONNECTED");

        JsonNode statements = api.get(flow.path(member, "statements")).json().get("statements");
        assertThat(statements).hasSize(9);
        JsonNode statement = statements.get(statements.size() - 1);
        assertThat(statement.size()).isEqualTo(8);
        assertThat(statement.get("guid").asText()).startsWith("STA-");
        String account = statement.get("account_guid").asText();
        JsonNode accountRecord = api.get("/users/" + flow.userGuid + "/accounts/" + account).json().get("account");

        Reply pdf = api.withHeader("Accept", "application/pdf").get(statement.get("uri").asText());
        assertThat(pdf.status()).isEqualTo(200);
        String text = text(pdf.bytes());
        assertThat(text).contains("MX Bank").contains("Opening balance").contains("Closing balance")
                .contains(accountRecord.get("name").asText());
        LocalDate lastMonthEnd = today().withDayOfMonth(1).minusDays(1);
        List<JsonNode> posted = transactions(member, lastMonthEnd.minusDays(20), lastMonthEnd).stream()
                .filter(t -> t.get("account_guid").asText().equals(account) && !t.get("posted_at").isNull())
                .filter(t -> !LocalDate.parse(t.get("posted_at").asText().substring(0, 10)).isAfter(lastMonthEnd))
                .toList();
        assertThat(posted).isNotEmpty();
        assertThat(text).contains(posted.get(0).get("description").asText());
        assertThat(api.get(flow.path(member, "statements/" + statement.get("guid").asText())).json()
                .at("/statement/account_guid").asText()).isEqualTo(account);
    }

    @Test
    void unknown_foreign_and_deleted_documents_are_404() {
        String member = flow.member("password", true);
        flow.start(member, "fetch_tax_documents");
        flow.awaitStatus(member, "CONNECTED");
        String uri = api.get(flow.path(member, "tax_documents")).json().at("/tax_documents/0/uri").asText();
        String guid = uri.substring(uri.lastIndexOf('/') + 1, uri.length() - 4);
        Flow other = new Flow(api);
        String otherMember = other.member("password", true);

        assertThat(api.get(flow.path(member, "tax_documents/TAX-00000000-0000-4000-8000-000000000000.pdf")).status()).isEqualTo(404);
        assertThat(api.get(other.path(otherMember, "tax_documents/" + guid)).status()).isEqualTo(404);
        assertThat(api.get(flow.path(member, "statements/" + guid)).status()).isEqualTo(404);
        assertThat(api.withHeader("Accept", "text/html").get(uri).status()).isEqualTo(406);

        api.delete(flow.path(member, ""));
        assertThat(api.get(uri).status()).isEqualTo(404);
    }

    private byte[] pdfOf(String member, String type, int year) {
        for (JsonNode d : api.get(flow.path(member, "tax_documents")).json().get("tax_documents")) {
            if (d.get("document_type").asText().equals(type) && d.get("tax_year").asText().equals(String.valueOf(year))) {
                return api.get(d.get("uri").asText()).bytes();
            }
        }
        throw new AssertionError("no " + type + " for " + year);
    }

    private List<JsonNode> transactions(String member, LocalDate from, LocalDate to) {
        return api.allPages(flow.path(member, "transactions") + "?from_date=" + from + "&to_date=" + to, "transactions");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    /** The amount printed under a box's label. */
    private static BigDecimal box(String text, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + "\\s+\\$ ([0-9,.-]+)")
                .matcher(text);
        assertThat(m.find()).as("box " + label + " in " + text).isTrue();
        return new BigDecimal(m.group(1).replace(",", ""));
    }

    private static String money(BigDecimal amount) {
        return String.format(java.util.Locale.US, "%,.2f", amount);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
