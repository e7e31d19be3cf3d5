package dev.openagg.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.ofx.LocalOfxServer;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Reply;
import dev.openagg.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Institutions served over OFX Direct Connect, end to end: an institutions file naming a local OFX server (real
 * HTTP on a loopback port), the server started with it, and every job driven through OpenAgg's API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfxInstitutionsTest {
    static final Duration BOUND = Duration.ofSeconds(20);

    LocalOfxServer bank;
    TestServer server;
    Api api;
    String user;

    @BeforeAll
    void start() throws IOException {
        bank = LocalOfxServer.start(LocalDate.now(ZoneOffset.UTC));
        Path file = Files.writeString(TestServer.tempDir().resolve("ofx.yaml"), """
                institutions:
                  - {code: testbank_xml, name: Test Bank, url: "%1$s", allow_http: true, org: %2$s, fid: "%3$s",
                     bank_id: "%4$s", ofx_version: "220"}
                  - {code: testbank_sgml, name: Test Bank Classic, url: "%1$s", allow_http: true, org: %2$s,
                     fid: "%3$s", ofx_version: "160", app_id: QWIN, app_version: "2700", read_timeout_s: 20}
                """.formatted(bank.url(), LocalOfxServer.ORG, LocalOfxServer.FID, LocalOfxServer.ROUTING));
        server = TestServer.start(TestServer.config().withConnectorSettings(Map.of("OPENAGG_OFX_INSTITUTIONS",
                file.toString())));
        api = server.api();
        user = api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText();
    }

    @AfterAll
    void stop() {
        server.close();
        bank.close();
    }

    @Test
    void the_file_s_institutions_are_listed_with_login_and_password_and_the_jobs_ofx_can_serve() {
        JsonNode institution = api.get("/institutions/testbank_xml").json().get("institution");
        assertThat(institution.get("name").asText()).isEqualTo("Test Bank");
        assertThat(institution.get("supports_tax_document").asBoolean()).isTrue();
        assertThat(institution.get("supports_account_verification").asBoolean()).isTrue();
        assertThat(institution.get("supports_transaction_history").asBoolean()).isTrue();
        assertThat(institution.get("supports_account_identification").asBoolean()).isFalse();
        assertThat(institution.get("supports_account_statement").asBoolean()).isFalse();
        assertThat(api.get("/institutions/testbank_sgml/credentials").json().get("credentials")
                .findValuesAsText("field_name")).containsExactly("LOGIN", "PASSWORD");

        String member = member("testbank_xml", "plain");
        Reply refused = api.post(path(member, "identify"), null);
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void the_guide_s_tax_flow_against_an_ofx_institution_then_a_job_that_skips_mfa_with_the_kept_key()
            throws IOException {
        Logger root = (Logger) org.slf4j.LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger openagg = (Logger) org.slf4j.LoggerFactory.getLogger("dev.openagg");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        Level before = openagg.getLevel();
        openagg.setLevel(Level.DEBUG);
        String member;
        try {
            member = memberWith("testbank_xml", "mfa_one", LocalOfxServer.PASSWORD, true);
            assertThat(api.post(path(member, "fetch_tax_documents"), null).status()).isEqualTo(202);
            JsonNode challenged = awaitStatus(member, "CHALLENGED");
            List<String> labels = challenged.get("challenges").findValuesAsText("label");
            assertThat(labels).containsExactly(LocalOfxServer.CITY, LocalOfxServer.PET);
            assertThat(challenged.get("challenges").findValuesAsText("type")).containsOnly("TEXT");

            Reply resumed = api.put(path(member, "resume"), answers(challenged));
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
            awaitStatus(member, "CONNECTED");
        } finally {
            root.detachAppender(log);
            openagg.setLevel(before);
        }

        int year = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
        JsonNode documents = api.get(path(member, "tax_documents")).json().get("tax_documents");
        assertThat(documents.findValuesAsText("document_type")).containsExactlyInAnyOrder("TAX1099_INT",
                "TAX1099_DIV", "TAX1099_B", "TAX1099_INT", "TAX1099_DIV", "TAX1099_B");
        assertThat(text(pdf(documents, "TAX1099_INT", year))).contains("Form 1099-INT", String.valueOf(year),
                "Test Bank N.A.", "Jordan Example", "$ " + LocalOfxServer.interest(year));
        assertThat(text(pdf(documents, "TAX1099_DIV", year))).contains("Form 1099-DIV",
                "$ " + LocalOfxServer.dividends(year), "$ 400.00", "$ 50.25");
        assertThat(text(pdf(documents, "TAX1099_B", year - 1))).contains("Form 1099-B", String.valueOf(year - 1),
                "$ 2,300.00", "$ 2,150.50", "$ 149.50");

        String key = Jdbi.create(server.config.jdbcUrl()).withHandle(h -> h.createQuery(
                "SELECT secret FROM member_kept WHERE member_guid = :m AND name = 'ACCESSKEY'")
                .bind("m", member).mapTo(String.class).one());
        java.util.Set<String> issued = bank.issuedKeys();
        assertThat(issued).isNotEmpty();
        assertThat(key).as("the kept access key is stored encrypted").startsWith("v1:");
        String logged = String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(logged).contains("<MFAPHRASEA>***").doesNotContain(LocalOfxServer.PASSWORD, "Paris", "Rex");
        issued.forEach(plain -> {
            assertThat(key).doesNotContain(plain);
            assertThat(logged).doesNotContain(plain);
        });

        int asked = bank.challengeRequests();
        List<String> seen = new ArrayList<>();
        assertThat(api.post(path(member, "aggregate"), null).status()).isEqualTo(202);
        Await.until(() -> status(member), s -> {
            seen.add(s.get("connection_status").asText());
            return !s.get("is_being_aggregated").asBoolean();
        }, BOUND, "the second job to end");
        assertThat(status(member).get("connection_status").asText()).isEqualTo("CONNECTED");
        assertThat(seen).doesNotContain("CHALLENGED");
        assertThat(bank.challengeRequests()).isEqualTo(asked);
        assertThat(api.get(path(member, "accounts")).json().get("accounts")).hasSize(4);
    }

    @Test
    void aggregate_over_sgml_brings_accounts_transactions_and_holdings() {
        String member = member("testbank_sgml", "plain");
        awaitStatus(member, "CONNECTED");

        JsonNode accounts = api.get(path(member, "accounts")).json().get("accounts");
        assertThat(accounts.findValuesAsText("name")).containsExactlyInAnyOrder("Everyday Checking",
                "High Yield Savings", "Rewards Visa", "Brokerage");
        assertThat(api.get(path(member, "transactions")).json().get("transactions").findValuesAsText("description"))
                .contains("Corner Grocer", "ACME Payroll").doesNotContain("Check 1042");
        assertThat(api.get(path(member, "holdings")).json().get("holdings").findValuesAsText("symbol"))
                .containsExactlyInAnyOrder("AAPL", "VTSAX");

        assertThat(api.post(path(member, "extend_history"), null).status()).isEqualTo(202);
        awaitStatus(member, "CONNECTED");
        assertThat(api.get(path(member, "transactions")).json().get("transactions").findValuesAsText("description"))
                .contains("Check 1042", "Bookshop");
    }

    @Test
    void verify_and_check_balance() {
        String member = member("testbank_xml", "plain");
        awaitStatus(member, "CONNECTED");

        assertThat(api.post(path(member, "verify"), null).status()).isEqualTo(200);
        awaitStatus(member, "CONNECTED");
        JsonNode numbers = api.get(path(member, "account_numbers")).json().get("account_numbers");
        assertThat(numbers.findValuesAsText("account_number")).containsExactlyInAnyOrder("1001", "1002");
        assertThat(numbers.findValuesAsText("routing_number")).containsOnly(LocalOfxServer.ROUTING);

        assertThat(api.post(path(member, "check_balance"), null).status()).isEqualTo(202);
        awaitStatus(member, "CONNECTED");
    }

    @Test
    void two_rounds_of_questions_over_sgml() {
        String member = member("testbank_sgml", "mfa_two");
        JsonNode first = awaitStatus(member, "CHALLENGED");
        assertThat(first.get("challenges")).hasSize(2);
        assertThat(api.put(path(member, "resume"), answers(first)).status()).isEqualTo(202);

        JsonNode second = Await.until(() -> status(member), s -> s.get("connection_status").asText().equals("CHALLENGED")
                && s.get("challenges").findValuesAsText("label").contains(LocalOfxServer.CODE), BOUND, "round two");
        assertThat(api.put(path(member, "resume"), answers(second)).status()).isEqualTo(202);

        awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_wrong_answer_rejects_the_member() {
        String member = member("testbank_xml", "mfa_one");
        JsonNode challenged = awaitStatus(member, "CHALLENGED");
        String body = "{\"member\": {\"challenges\": [{\"guid\": \"" + challenged.at("/challenges/0/guid").asText()
                + "\", \"value\": \"Paris\"}, {\"guid\": \"" + challenged.at("/challenges/1/guid").asText()
                + "\", \"value\": \"Fido\"}]}}";
        assertThat(api.put(path(member, "resume"), body).status()).isEqualTo(202);

        assertThat(message(awaitFinal(member, "REJECTED"))).isEqualTo("The answers do not match our records.");
    }

    @Test
    void a_locked_user_a_wrong_password_and_an_institution_error() {
        assertThat(message(awaitFinal(member("testbank_xml", "locked"), "LOCKED")))
                .contains("your online access is locked");
        String denied = memberWith("testbank_sgml", "plain", "not-the-password", false);
        assertThat(message(awaitFinal(denied, "DENIED")))
                .isEqualTo("Invalid user ID or password.");
        assertThat(message(awaitFinal(member("testbank_xml", "broken"), "FAILED")))
                .isEqualTo("Our systems are being updated; try again tonight.");
    }

    @Test
    void a_clientuid_to_approve_impedes_the_member_until_the_bank_approves_it() {
        String member = member("testbank_xml", "device");
        assertThat(message(awaitFinal(member, "IMPEDED"))).contains("Test Bank has not yet approved",
                "Approve the new device");

        List<String> requests = bank.requests();
        String last = requests.get(requests.size() - 1);
        String clientUid = last.substring(last.indexOf("<CLIENTUID>") + 11, last.indexOf("</CLIENTUID>"));
        bank.approve(clientUid);
        assertThat(api.post(path(member, "aggregate"), null).status()).isEqualTo(202);

        awaitStatus(member, "CONNECTED");
    }

    @Test
    void a_bad_institutions_file_stops_the_start_naming_the_entry_and_field() throws IOException {
        Path bad = Files.writeString(TestServer.tempDir().resolve("ofx.json"), """
                {"institutions": [{"code": "firstbank_ofx", "name": "First Bank", "url": "http://ofx.firstbank.example/",
                  "org": "FIRSTBANK", "ofx_version": "220"}]}""");

        assertThatThrownBy(() -> TestServer.start(TestServer.config().withConnectorSettings(
                Map.of("OPENAGG_OFX_INSTITUTIONS", bad.toString()))))
                .isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("dev.openagg.ofx.OfxProvider")
                .hasMessageContaining("institutions[0] (firstbank_ofx): url must be https");
    }

    private String member(String institution, String login) {
        return memberWith(institution, login, LocalOfxServer.PASSWORD, false);
    }

    private String memberWith(String institution, String login, String password, boolean skipAggregation) {
        JsonNode fields = api.get("/institutions/" + institution + "/credentials").json().get("credentials");
        String body = "{\"member\": {\"institution_code\": \"" + institution + "\", \"skip_aggregation\": "
                + skipAggregation + ", \"credentials\": ["
                + "{\"guid\": \"" + fields.at("/0/guid").asText() + "\", \"value\": \"" + login + "\"},"
                + " {\"guid\": \"" + fields.at("/1/guid").asText() + "\", \"value\": \"" + password + "\"}]}}";
        Reply created = api.post("/users/" + user + "/members", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(skipAggregation ? 200 : 202);
        return created.json().at("/member/guid").asText();
    }

    private String path(String member, String tail) {
        return "/users/" + user + "/members/" + member + "/" + tail;
    }

    private JsonNode status(String member) {
        return api.get(path(member, "status")).json().get("member");
    }

    private JsonNode awaitStatus(String member, String wanted) {
        return Await.until(() -> status(member), s -> s.get("connection_status").asText().equals(wanted)
                && (wanted.equals("CHALLENGED") || !s.get("is_being_aggregated").asBoolean()), BOUND,
                member + " to be " + wanted);
    }

    private String awaitFinal(String member, String wanted) {
        awaitStatus(member, wanted);
        return member;
    }

    /** The member's {@code connection_status_message}, which the member read carries. */
    private String message(String member) {
        return api.get("/users/" + user + "/members/" + member).json().at("/member/connection_status_message").asText();
    }

    private static String answers(JsonNode challenged) {
        List<String> answers = new ArrayList<>();
        for (JsonNode c : challenged.get("challenges")) {
            answers.add("{\"guid\": \"" + c.get("guid").asText() + "\", \"value\": \""
                    + LocalOfxServer.answerFor(c.get("label").asText()).orElseThrow() + "\"}");
        }
        return "{\"member\": {\"challenges\": [" + String.join(", ", answers) + "]}}";
    }

    private byte[] pdf(JsonNode documents, String type, int year) {
        for (JsonNode d : documents) {
            if (d.get("document_type").asText().equals(type) && d.get("tax_year").asText().equals(String.valueOf(year))) {
                Reply pdf = api.withHeader("Accept", "application/pdf").get(d.get("uri").asText());
                assertThat(pdf.status()).isEqualTo(200);
                return pdf.bytes();
            }
        }
        throw new AssertionError("no " + type + " for " + year + " in " + documents);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
