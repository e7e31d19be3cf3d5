package dev.openagg.ofx;

import static dev.openagg.connector.ChallengeType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.DocumentData;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.TaxFormData;
import dev.openagg.connector.TransactionData;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.JobRun;
import dev.openagg.testkit.KitMember;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfxConnectorTest {
    static final LocalDate TODAY = LocalDate.ofInstant(ConnectorKit.DEFAULT_START, ZoneOffset.UTC);
    static LocalOfxServer bank;

    @BeforeAll
    static void startBank() {
        bank = LocalOfxServer.start(TODAY);
    }

    @AfterAll
    static void stopBank() {
        bank.close();
    }

    static OfxInstitution institution(String url, String version) {
        return new OfxInstitution("testbank", "Test Bank", URI.create(url), LocalOfxServer.ORG, LocalOfxServer.FID,
                LocalOfxServer.ROUTING, LocalOfxServer.BROKER, new OfxVersion(version), "QWIN", "2700",
                Duration.ofSeconds(2), Duration.ofSeconds(3), 1024 * 1024);
    }

    static ConnectorKit kit(String version) {
        return ConnectorKit.of(new OfxConnector(institution(bank.url(), version)));
    }

    static Map<String, String> login(String user) {
        return Map.of("LOGIN", user, "PASSWORD", LocalOfxServer.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"102", "151", "160", "200", "211", "220"})
    void aggregate_brings_accounts_ninety_days_of_statements_and_positions(String version) {
        Harvest harvest = kit(version).start("aggregate", login("plain")).expectConnected();

        assertThat(harvest.accounts()).extracting(AccountData::name, AccountData::type, AccountData::balance)
                .containsExactly(
                        tuple("Everyday Checking", "CHECKING", "2332.90"),
                        tuple("High Yield Savings", "SAVINGS", "10250.55"),
                        tuple("Rewards Visa", "CREDIT_CARD", "463.99"),
                        tuple("Brokerage", "INVESTMENT", "5210.10"));
        assertThat(harvest.accounts().get(0).routingNumber()).isEqualTo(LocalOfxServer.ROUTING);
        assertThat(harvest.accounts().get(0).accountNumber()).isEqualTo("1001");
        assertThat(harvest.transactions()).extracting(TransactionData::description)
                .containsExactlyInAnyOrder("Corner Grocer", "ACME Payroll", "Monthly service fee", "Interest",
                        "Online store", "Payment, thank you", "Dividend VTSAX", "Transfer in");
        TransactionData grocer = harvest.transactions().stream().filter(t -> t.description().equals("Corner Grocer"))
                .findFirst().orElseThrow();
        assertThat(grocer.type()).isEqualTo("DEBIT");
        assertThat(grocer.amount()).isEqualByComparingTo("42.10");
        assertThat(grocer.postedOn()).isEqualTo(TODAY.minusDays(3));
        assertThat(harvest.holdings()).extracting(HoldingData::symbol, HoldingData::holdingType, HoldingData::marketValue)
                .containsExactly(tuple("AAPL", "EQUITY", "1900.00"), tuple("VTSAX", "MUTUAL_FUND", "2810.10"));
        assertThat(harvest.holdings().get(1).shares()).isEqualByComparingTo("25.5");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        Object[] converted = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            converted[i] = values[i] instanceof String s && s.matches("-?[0-9]+\\.[0-9]{2}") ? new BigDecimal(s) : values[i];
        }
        return org.assertj.core.groups.Tuple.tuple(converted);
    }

    @Test
    void check_balance_brings_balances_without_transactions() {
        Harvest harvest = kit("220").start("check_balance", login("plain")).expectConnected();

        assertThat(harvest.accounts()).hasSize(4);
        assertThat(harvest.accounts().get(1).balance()).isEqualByComparingTo("10250.55");
        assertThat(harvest.transactions()).isNull();
        assertThat(harvest.holdings()).isNull();
    }

    @Test
    void extend_history_asks_for_everything_the_institution_keeps() {
        Harvest harvest = kit("103").start("extend_history", login("plain")).expectConnected();

        assertThat(harvest.transactions()).extracting(TransactionData::description)
                .contains("Check 1042", "Bookshop", "Coffee");
        assertThat(bank.requests().get(bank.requests().size() - 1)).doesNotContain("<DTSTART>");
    }

    @Test
    void verify_brings_account_and_routing_numbers_of_bank_accounts() {
        Harvest harvest = kit("220").start("verify", login("plain")).expectConnected();

        assertThat(harvest.accountNumbers()).extracting(n -> n.accountNumber() + "/" + n.routingNumber())
                .containsExactly("1001/" + LocalOfxServer.ROUTING, "1002/" + LocalOfxServer.ROUTING);
    }

    @Test
    void identify_and_statements_are_not_offered() {
        ConnectorKit kit = kit("220");
        kit.start("identify", login("plain")).expectRefused(dev.openagg.testkit.Refusal.UNSUPPORTED);
        kit.start("fetch_statements", login("plain")).expectRefused(dev.openagg.testkit.Refusal.UNSUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"160", "220"})
    void one_round_of_two_questions_then_an_access_key_that_later_jobs_use(String version) {
        ConnectorKit kit = kit(version);
        KitMember member = kit.member(login("mfa_one"));

        JobRun run = member.start("aggregate").expectChallenges(TEXT, TEXT);
        assertThat(run.challenges()).extracting(Challenge::label).containsExactly(LocalOfxServer.CITY, LocalOfxServer.PET);
        run.answer(answers(run)).expectConnected();
        assertThat(member.kept()).containsOnlyKeys("ACCESSKEY");

        int asked = bank.challengeRequests();
        member.start("fetch_tax_documents").expectConnected();
        member.start("check_balance").expectConnected();
        assertThat(bank.challengeRequests()).isEqualTo(asked);
    }

    @Test
    void an_expired_access_key_brings_the_challenge_back_and_is_replaced() {
        ConnectorKit kit = kit("220");
        KitMember member = kit.member(login("mfa_one"));
        JobRun first = member.start("aggregate").expectChallenges(TEXT, TEXT);
        first.answer(answers(first)).expectConnected();
        String firstKey = member.kept().get("ACCESSKEY");

        bank.expireKeys();
        JobRun second = member.start("aggregate").expectChallenges(TEXT, TEXT);
        second.answer(answers(second)).expectConnected();

        assertThat(member.kept().get("ACCESSKEY")).isNotNull().isNotEqualTo(firstKey);
    }

    @Test
    void new_credentials_forget_the_kept_key() {
        KitMember member = kit("220").member(login("mfa_one"));
        JobRun first = member.start("aggregate").expectChallenges(TEXT, TEXT);
        first.answer(answers(first)).expectConnected();

        member.updateCredentials(Map.of("PASSWORD", LocalOfxServer.PASSWORD));

        assertThat(member.kept()).isEmpty();
        member.start("aggregate").expectChallenges(TEXT, TEXT);
    }

    @Test
    void two_rounds_of_questions() {
        JobRun run = kit("220").start("aggregate", login("mfa_two")).expectChallenges(TEXT, TEXT);
        run.answer(answers(run));
        run.expectChallenge(TEXT);
        assertThat(run.challenges()).extracting(Challenge::label).containsExactly(LocalOfxServer.CODE);

        Harvest harvest = run.answer(answers(run)).expectConnected();

        assertThat(harvest.accounts()).hasSize(4);
    }

    @Test
    void a_wrong_answer_is_rejected_with_the_institutions_message() {
        kit("220").start("aggregate", login("mfa_one")).expectChallenges(TEXT, TEXT).answer("Paris", "Fido")
                .expectFailed(ConnectionStatus.REJECTED, "The answers do not match our records.");
    }

    @Test
    void sign_on_statuses_map_to_mx_statuses() {
        ConnectorKit kit = kit("102");
        kit.start("aggregate", Map.of("LOGIN", "plain", "PASSWORD", "wrong"))
                .expectFailed(ConnectionStatus.DENIED, "Invalid user ID or password.");
        kit.start("aggregate", login("locked"))
                .expectFailed(ConnectionStatus.LOCKED, "Too many failed attempts: your online access is locked.");
        kit.start("aggregate", login("broken"))
                .expectFailed(ConnectionStatus.FAILED, "Our systems are being updated; try again tonight.");
    }

    @Test
    void a_clientuid_the_bank_has_not_approved_impedes_the_member_until_it_is_approved() {
        ConnectorKit kit = kit("220");
        KitMember member = kit.member(login("device"));

        JobRun refused = member.start("aggregate").expectFailed(ConnectionStatus.IMPEDED);
        assertThat(refused.status().message()).contains("Test Bank has not yet approved",
                "Approve the new device");
        String clientUid = lastClientUid();
        assertThat(member.start("check_balance").expectFailed(ConnectionStatus.IMPEDED).member()).isSameAs(member);
        assertThat(lastClientUid()).isEqualTo(clientUid);

        bank.approve(clientUid);
        member.start("aggregate").expectConnected();
    }

    @Test
    void each_member_has_its_own_clientuid() {
        ConnectorKit kit = kit("220");
        kit.start("check_balance", login("plain")).expectConnected();
        String first = lastClientUid();
        kit.start("check_balance", login("plain")).expectConnected();

        assertThat(lastClientUid()).isNotEqualTo(first).matches("[0-9A-F-]{36}");
    }

    @Test
    void a_reply_that_is_not_ofx_fails_with_a_clear_message() {
        kit("220").start("aggregate", login("garbage"))
                .expectFailed(ConnectionStatus.FAILED, "Test Bank sent a reply that is not OFX (the reply has no <OFX> element).");
    }

    @Test
    void tax_documents_are_the_1099s_of_the_last_two_years_with_the_ofx_amounts() {
        Harvest harvest = kit("220").start("fetch_tax_documents", login("plain")).expectConnected();

        assertThat(harvest.accounts()).isNull();
        assertThat(harvest.taxDocuments()).extracting(DocumentData::documentType, DocumentData::taxYear)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("TAX1099_INT", "2023"),
                        org.assertj.core.groups.Tuple.tuple("TAX1099_DIV", "2023"),
                        org.assertj.core.groups.Tuple.tuple("TAX1099_B", "2023"),
                        org.assertj.core.groups.Tuple.tuple("TAX1099_INT", "2024"),
                        org.assertj.core.groups.Tuple.tuple("TAX1099_DIV", "2024"),
                        org.assertj.core.groups.Tuple.tuple("TAX1099_B", "2024"));
        Map<String, TaxFormData> forms = harvest.taxDocuments().stream().filter(d -> d.taxYear().equals("2024"))
                .collect(Collectors.toMap(DocumentData::documentType, DocumentData::taxForm));
        assertThat(boxes(forms.get("TAX1099_INT"))).isEqualTo(Map.of("1", LocalOfxServer.interest(2024), "4", "0.00"));
        assertThat(boxes(forms.get("TAX1099_DIV"))).isEqualTo(Map.of("1a", LocalOfxServer.dividends(2024),
                "1b", "400.00", "2a", "50.25"));
        assertThat(boxes(forms.get("TAX1099_B"))).isEqualTo(Map.of("1d", "2300.00", "1e", "2150.50", "", "149.50"));
        TaxFormData interest = forms.get("TAX1099_INT");
        assertThat(interest.payer().name()).isEqualTo("Test Bank N.A.");
        assertThat(interest.payer().taxId()).isEqualTo("36-1234567");
        assertThat(interest.recipient().taxId()).isEqualTo("*******6789");
        assertThat(interest.recipient().address()).containsExactly("22 Elm Street", "Springfield, IL 62704");
    }

    static Map<String, String> boxes(TaxFormData form) {
        return form.boxes().stream().collect(Collectors.toMap(TaxFormData.Box::number, b -> b.amount().toPlainString()));
    }

    static String[] answers(JobRun run) {
        return run.challenges().stream().map(c -> LocalOfxServer.answerFor(c.label()).orElseThrow())
                .toArray(String[]::new);
    }

    static String lastClientUid() {
        List<String> requests = bank.requests();
        OfxElement sonrq = OfxParser.parse(requests.get(requests.size() - 1)).first("SONRQ").orElseThrow();
        return sonrq.text("CLIENTUID").orElseThrow();
    }
}
