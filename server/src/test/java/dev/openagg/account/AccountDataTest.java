package dev.openagg.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Flow;
import dev.openagg.support.FreshServerTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each job brings back, read through the HTTP API of a real server. */
class AccountDataTest extends FreshServerTest {

    @Test
    void aggregate_brings_four_accounts_ninety_days_of_transactions_and_holdings() {
        String member = connected("password");

        JsonNode accounts = api.get(flow.path(member, "accounts")).json();
        assertThat(accounts.get("accounts").findValuesAsText("type"))
                .containsExactlyInAnyOrder("CHECKING", "SAVINGS", "CREDIT_CARD", "INVESTMENT");
        JsonNode checking = byType(accounts, "CHECKING");
        assertThat(checking.size()).isEqualTo(123);
        assertThat(checking.get("guid").asText()).startsWith("ACT-");
        assertThat(checking.get("member_guid").asText()).isEqualTo(member);
        assertThat(checking.get("user_guid").asText()).isEqualTo(flow.userGuid);
        assertThat(checking.get("institution_code").asText()).isEqualTo("mxbank");
        assertThat(checking.get("balance").isNumber()).isTrue();
        assertThat(checking.get("account_number").asText()).startsWith("XXXXXX");
        assertThat(byType(accounts, "CREDIT_CARD").get("credit_limit").isNumber()).isTrue();

        List<JsonNode> transactions = all(flow.path(member, "transactions"));
        assertThat(transactions.size()).isGreaterThan(300);
        assertThat(transactions).allSatisfy(t -> assertThat(t.size()).isEqualTo(43));
        assertThat(transactions.stream().map(t -> t.get("guid").asText())).doesNotHaveDuplicates();
        LocalDate today = today();
        assertThat(transactions.stream().map(t -> LocalDate.parse(t.get("date").asText())))
                .allMatch(d -> !d.isBefore(today.minusDays(89)) && !d.isAfter(today));
        assertThat(transactions.stream().map(t -> t.get("status").asText())).contains("PENDING", "POSTED");
        assertThat(transactions.stream().map(t -> t.get("top_level_category").asText())).contains("Income");

        JsonNode holdings = api.get(flow.path(member, "holdings")).json().get("holdings");
        assertThat(holdings.size()).isBetween(3, 6);
        String investment = byType(accounts, "INVESTMENT").get("guid").asText();
        assertThat(holdings.findValuesAsText("account_guid")).containsOnly(investment);
        JsonNode holding = holdings.get(0);
        assertThat(api.get("/users/" + flow.userGuid + "/holdings/" + holding.get("guid").asText()).json()
                .at("/holding/symbol").asText()).isEqualTo(holding.get("symbol").asText());
        assertThat(api.get("/users/" + flow.userGuid + "/accounts/" + investment + "/holdings").json().get("holdings"))
                .hasSize(holdings.size());

        JsonNode status = flow.status(member);
        assertThat(status.get("has_processed_accounts").asBoolean()).isTrue();
        assertThat(status.get("has_processed_transactions").asBoolean()).isTrue();
        assertThat(status.get("has_processed_account_numbers").asBoolean()).isFalse();
    }

    @Test
    void investment_holdings_serve_the_same_positions_in_the_newer_schema() {
        String member = connected("password");
        JsonNode holdings = api.get(flow.path(member, "holdings")).json().get("holdings");

        JsonNode newer = api.get(flow.path(member, "investment_holdings")).json();
        assertThat(newer.get("investment_holdings").findValuesAsText("guid"))
                .containsExactlyElementsOf(holdings.findValuesAsText("guid"));
        JsonNode first = newer.at("/investment_holdings/0");
        assertThat(first.size()).isEqualTo(37);
        assertThat(first.get("quantity").isTextual()).isTrue();
        assertThat(first.get("market_value").decimalValue()).isEqualByComparingTo(holdings.get(0).get("market_value").decimalValue());
        assertThat(first.has("shares")).isFalse();
        assertThat(api.get("/users/" + flow.userGuid + "/investment_holdings/" + first.get("guid").asText()).json()
                .at("/investment_holding/symbol").asText()).isEqualTo(first.get("symbol").asText());
    }

    @Test
    void transactions_page_through_several_hundred_and_filter_by_date() {
        String member = connected("password");
        int total = api.get(flow.path(member, "transactions")).json().at("/pagination/total_entries").asInt();

        List<JsonNode> paged = all(flow.path(member, "transactions"));
        assertThat(paged).hasSize(total);

        LocalDate from = today().minusDays(20);
        LocalDate to = today().minusDays(10);
        List<JsonNode> window = all(flow.path(member, "transactions") + "?from_date=" + from + "&to_date=" + to);
        assertThat(window).isNotEmpty().allMatch(t -> {
            LocalDate d = LocalDate.parse(t.get("date").asText());
            return !d.isBefore(from) && !d.isAfter(to);
        });
        long expected = paged.stream().map(t -> LocalDate.parse(t.get("date").asText()))
                .filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
        assertThat(window).hasSize((int) expected);
        assertThat(all("/users/" + flow.userGuid + "/transactions?from_date=" + from + "&to_date=" + to)).hasSize((int) expected);
        assertThat(api.get(flow.path(member, "transactions") + "?from_date=yesterday").status()).isEqualTo(400);

        String checking = accountGuid(member, "CHECKING");
        List<JsonNode> ofChecking = all("/users/" + flow.userGuid + "/accounts/" + checking + "/transactions");
        assertThat(ofChecking).isNotEmpty().allMatch(t -> t.get("account_guid").asText().equals(checking));
        String one = ofChecking.get(0).get("guid").asText();
        assertThat(api.get("/users/" + flow.userGuid + "/transactions/" + one).json().at("/transaction/guid").asText())
                .isEqualTo(one);
    }

    @Test
    void reaggregating_days_later_adds_new_transactions_posts_pending_ones_and_duplicates_nothing() {
        String member = connected("password");
        List<JsonNode> before = all(flow.path(member, "transactions"));
        Map<String, JsonNode> pending = new HashMap<>();
        before.stream().filter(t -> t.get("status").asText().equals("PENDING")).forEach(t -> pending.put(t.get("guid").asText(), t));
        assertThat(pending).isNotEmpty();
        Set<String> accountGuids = Set.copyOf(api.get(flow.path(member, "accounts")).json().get("accounts").findValuesAsText("guid"));

        server.clock.advance(Duration.ofDays(5));
        flow.start(member, "aggregate");
        awaitAggregated(member);

        List<JsonNode> after = all(flow.path(member, "transactions"));
        assertThat(after.stream().map(t -> t.get("guid").asText())).doesNotHaveDuplicates();
        assertThat(after.stream().map(t -> t.get("id").asText())).doesNotHaveDuplicates();
        assertThat(after.size()).isGreaterThan(before.size());
        assertThat(after.stream().map(t -> LocalDate.parse(t.get("date").asText())).max(LocalDate::compareTo).orElseThrow())
                .isAfter(today().minusDays(5));
        for (JsonNode t : after) {
            if (pending.containsKey(t.get("guid").asText())) {
                assertThat(t.get("status").asText()).isEqualTo("POSTED");
                assertThat(t.get("posted_at").isNull()).isFalse();
                assertThat(t.get("amount").decimalValue()).isEqualByComparingTo(pending.get(t.get("guid").asText()).get("amount").decimalValue());
            }
        }
        assertThat(after.stream().map(t -> t.get("guid").asText()).toList()).containsAll(pending.keySet());
        assertThat(Set.copyOf(api.get(flow.path(member, "accounts")).json().get("accounts").findValuesAsText("guid")))
                .isEqualTo(accountGuids);
    }

    @Test
    void checking_balance_moves_by_exactly_the_transactions_posted_in_between() {
        String member = connected("password");
        BigDecimal first = byType(api.get(flow.path(member, "accounts")).json(), "CHECKING").get("balance").decimalValue();
        LocalDate firstDay = today();

        server.clock.advance(Duration.ofDays(30));
        flow.start(member, "aggregate");
        awaitAggregated(member);

        JsonNode checking = byType(api.get(flow.path(member, "accounts")).json(), "CHECKING");
        BigDecimal second = checking.get("balance").decimalValue();
        BigDecimal posted = BigDecimal.ZERO;
        for (JsonNode t : all("/users/" + flow.userGuid + "/accounts/" + checking.get("guid").asText() + "/transactions")) {
            if (t.get("posted_at").isNull()) {
                continue;
            }
            LocalDate postedOn = LocalDate.parse(t.get("posted_at").asText().substring(0, 10));
            if (postedOn.isAfter(firstDay) && !postedOn.isAfter(today())) {
                BigDecimal amount = t.get("amount").decimalValue();
                posted = posted.add(t.get("type").asText().equals("CREDIT") ? amount : amount.negate());
            }
        }
        assertThat(second.subtract(first)).isEqualByComparingTo(posted);
    }

    @Test
    void check_balance_refreshes_balances_only() {
        String member = flow.member("password", true);
        flow.start(member, "check_balance");
        awaitAggregated(member);

        assertThat(api.get(flow.path(member, "accounts")).json().get("accounts")).hasSize(4);
        assertThat(api.get(flow.path(member, "transactions")).json().get("transactions")).isEmpty();
        JsonNode status = flow.status(member);
        assertThat(status.get("has_processed_accounts").asBoolean()).isTrue();
        assertThat(status.get("has_processed_transactions").asBoolean()).isFalse();
    }

    @Test
    void extend_history_brings_up_to_twenty_four_months() {
        String member = flow.member("password", true);
        flow.start(member, "extend_history");
        awaitAggregated(member);

        JsonNode first = api.get(flow.path(member, "transactions") + "?records_per_page=10").json();
        LocalDate earliest = LocalDate.parse(first.at("/transactions/0/date").asText());
        assertThat(earliest).isBetween(today().minusDays(730), today().minusDays(700));
        assertThat(first.at("/pagination/total_entries").asInt()).isGreaterThan(2000);
    }

    @Test
    void identify_brings_account_owners() {
        String member = flow.member("password", true);
        flow.start(member, "identify");
        awaitAggregated(member);

        JsonNode owners = api.get(flow.path(member, "account_owners")).json().get("account_owners");
        assertThat(owners).hasSize(4);
        JsonNode owner = owners.get(0);
        assertThat(owner.size()).isEqualTo(14);
        assertThat(owner.get("owner_name").asText()).isNotBlank();
        assertThat(owner.get("postal_code").asText()).isNotBlank();
        assertThat(owners.findValuesAsText("owner_name")).containsOnly(owner.get("owner_name").asText());
    }

    @Test
    void verify_brings_full_account_and_routing_numbers() {
        String member = flow.member("password", true);
        assertThat(flow.start(member, "verify").status()).isEqualTo(200);
        awaitAggregated(member);

        JsonNode numbers = api.get(flow.path(member, "account_numbers")).json().get("account_numbers");
        assertThat(numbers).hasSize(2);
        assertThat(numbers.get(0).size()).isEqualTo(12);
        assertThat(numbers.findValuesAsText("routing_number")).containsOnly("123456780");
        assertThat(numbers.get(0).get("account_number").asText()).doesNotStartWith("X").hasSizeGreaterThan(6);
        String checking = accountGuid(member, "CHECKING");
        assertThat(api.get("/users/" + flow.userGuid + "/accounts/" + checking + "/account_numbers").json()
                .get("account_numbers")).hasSize(1);
        assertThat(flow.status(member).get("has_processed_account_numbers").asBoolean()).isTrue();
    }

    @Test
    void the_same_member_gets_the_same_data_and_another_member_different_data() {
        String one = connected("password");
        String two = connected("password");
        BigDecimal a = byType(api.get(flow.path(one, "accounts")).json(), "CHECKING").get("balance").decimalValue();
        BigDecimal b = byType(api.get(flow.path(two, "accounts")).json(), "CHECKING").get("balance").decimalValue();
        assertThat(a).isNotEqualByComparingTo(b);

        flow.start(one, "aggregate");
        awaitAggregated(one);
        assertThat(byType(api.get(flow.path(one, "accounts")).json(), "CHECKING").get("balance").decimalValue())
                .isEqualByComparingTo(a);
    }

    @Test
    void data_of_a_deleted_member_is_gone_and_foreign_accounts_are_404() {
        String member = connected("password");
        String account = accountGuid(member, "CHECKING");
        Flow other = new Flow(api);
        assertThat(api.get("/users/" + other.userGuid + "/accounts/" + account).status()).isEqualTo(404);
        assertThat(api.get("/users/" + other.userGuid + "/accounts/" + account + "/transactions").status()).isEqualTo(404);

        api.delete(flow.path(member, ""));

        assertThat(api.get("/users/" + flow.userGuid + "/accounts").json().get("accounts")).isEmpty();
        assertThat(api.get("/users/" + flow.userGuid + "/transactions").json().at("/pagination/total_entries").asInt()).isZero();
        assertThat(api.get("/users/" + flow.userGuid + "/accounts/" + account).status()).isEqualTo(404);
    }

    @Test
    void data_stays_readable_while_a_later_job_waits_on_mfa() {
        String member = connected("challenge");
        int count = api.get(flow.path(member, "transactions")).json().at("/pagination/total_entries").asInt();

        flow.start(member, "aggregate");
        flow.awaitStatus(member, "CHALLENGED");

        assertThat(api.get(flow.path(member, "transactions")).json().at("/pagination/total_entries").asInt()).isEqualTo(count);
        assertThat(api.get(flow.path(member, "accounts")).json().get("accounts")).hasSize(4);
    }

    private String connected(String password) {
        String member = flow.member(password, false);
        JsonNode status = flow.awaitStatus(member, "CONNECTED", "CHALLENGED");
        if (status.get("connection_status").asText().equals("CHALLENGED")) {
            flow.resume(member, status.at("/challenges/0/guid").asText(), "correct");
            flow.awaitStatus(member, "CONNECTED");
        }
        return member;
    }

    private void awaitAggregated(String member) {
        assertThat(flow.awaitStatus(member, "CONNECTED").get("is_being_aggregated").asBoolean()).isFalse();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC);
    }

    private String accountGuid(String member, String type) {
        return byType(api.get(flow.path(member, "accounts")).json(), type).get("guid").asText();
    }

    private static JsonNode byType(JsonNode accounts, String type) {
        for (JsonNode a : accounts.get("accounts")) {
            if (a.get("type").asText().equals(type)) {
                return a;
            }
        }
        throw new AssertionError("no " + type + " account in " + accounts);
    }

    private List<JsonNode> all(String path) {
        return api.allPages(path, "transactions");
    }
}
