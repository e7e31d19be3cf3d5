package dev.openagg.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.client.ClientStore;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.OldSchema;
import dev.openagg.support.Reply;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transactions and holdings, the rows a harvest writes by the hundred, have no foreign keys since migration 29:
 * deleting their member or user deletes them in code. Each test runs on H2 and on PostgreSQL, through the HTTP API.
 */
class HarvestRowsDeleteTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final List<String> TABLES = List.of("account_transaction", "holding");
    private static final String OLD_USER = "USR-before-29";
    private static final String OLD_MEMBER = "MBR-before-29";

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void transactions_and_holdings_have_no_foreign_keys_and_the_other_data_keeps_them(String db) throws SQLException {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            List<String> keys = server.db().withHandle(h -> {
                List<String> found = new ArrayList<>();
                for (String table : List.of("account_transaction", "holding", "account_owner", "account")) {
                    found.addAll(foreignKeys(h.getConnection(), table));
                }
                return found;
            });

            // The lookup finds the keys that stay (so an empty answer for the two tables is not a blind one).
            assertThat(keys).containsExactlyInAnyOrder("account_owner -> member", "account_owner -> account",
                    "account -> member");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void deleting_a_member_or_a_user_deletes_its_transactions_and_holdings(String db) {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Api api = server.api();
            Jdbi rows = server.db();
            Flow flow = new Flow(api);
            String first = connected(flow);
            String second = connected(flow);
            Flow other = new Flow(api);
            String others = connected(other);
            for (String member : List.of(first, second, others)) {
                for (String table : TABLES) {
                    assertThat(count(rows, table, "member_guid", member)).as(table + " of " + member).isPositive();
                }
            }
            long secondsTransactions = count(rows, "account_transaction", "member_guid", second);
            long othersTransactions = count(rows, "account_transaction", "member_guid", others);

            assertThat(api.delete(flow.path(first, "")).status()).isEqualTo(204);

            for (String table : TABLES) {
                assertThat(count(rows, table, "member_guid", first)).as(table + " of the deleted member").isZero();
            }
            assertThat(count(rows, "account_transaction", "member_guid", second)).isEqualTo(secondsTransactions);

            assertThat(api.delete("/users/" + flow.userGuid).status()).isEqualTo(204);

            for (String table : TABLES) {
                assertThat(count(rows, table, "user_guid", flow.userGuid)).as(table + " of the deleted user").isZero();
                assertThat(orphans(rows, table)).as(table + " rows without their member").isZero();
            }
            assertThat(count(rows, "account_transaction", "member_guid", others)).isEqualTo(othersTransactions);
            assertThat(api.get(other.path(others, "transactions")).json().at("/pagination/total_entries").asLong())
                    .isEqualTo(othersTransactions);
        }
    }

    /**
     * A job step stores a harvest while it holds its member's row. The test holds that row and inserts a transaction
     * as such a step would; the deletion of the member or of its user, sent meanwhile, waits for the row, and once the
     * step commits it deletes the row the step stored too.
     */
    @ParameterizedTest(name = "deleting the {1} on {0}")
    @CsvSource({"h2, member", "postgresql, member", "h2, user", "postgresql, user"})
    void a_delete_waits_for_a_harvest_holding_the_member_and_removes_what_it_stored(String db, String deleted)
            throws Exception {
        try (TestServer server = TestServer.start(TestServer.config(db))) {
            Api api = server.api();
            Jdbi rows = server.db();
            Flow flow = new Flow(api);
            String member = connected(flow);
            ExecutorService deleter = Executors.newSingleThreadExecutor();
            String path = deleted.equals("member") ? flow.path(member, "") : "/users/" + flow.userGuid;
            Future<Reply> reply;
            try (Handle step = rows.open()) {
                step.begin();
                assertThat(step.createQuery("SELECT guid FROM member WHERE guid = :m FOR UPDATE").bind("m", member)
                        .mapTo(String.class).list()).hasSize(1);
                assertThat(step.createUpdate("""
                        INSERT INTO account_transaction (guid, member_guid, user_guid, account_guid, source_id,
                          transacted_on, status, type, amount, is_income, is_expense, is_fee, is_payroll_advance,
                          is_bill_pay, is_direct_deposit, is_recurring, is_subscription, created_at, updated_at)
                        SELECT 'TRN-stored-while-held', member_guid, user_guid, account_guid, 'stored-while-held',
                          transacted_on, status, type, amount, is_income, is_expense, is_fee, is_payroll_advance,
                          is_bill_pay, is_direct_deposit, is_recurring, is_subscription, created_at, updated_at
                        FROM account_transaction WHERE member_guid = :m ORDER BY guid FETCH FIRST 1 ROWS ONLY""")
                        .bind("m", member).execute()).isEqualTo(1);

                reply = deleter.submit(() -> api.delete(path));
                Await.until(() -> blockedSessions(rows, db), n -> n > 0, BOUND, "the delete to wait for the member");
                assertThat(reply.isDone()).as("the delete, while the step holds the member").isFalse();
                step.commit();
            } finally {
                deleter.shutdown();
            }

            assertThat(reply.get(BOUND.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(204);
            assertThat(count(rows, "account_transaction", "member_guid", member)).isZero();
            assertThat(count(rows, "account_transaction", "guid", "TRN-stored-while-held")).isZero();
        }
    }

    /**
     * A database as the versions before migration 29 left it, with a member's account, transactions and holding,
     * started by this version: the data reads back, the keys are gone, and deleting the member removes its rows.
     */
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void a_database_from_before_migration_29_keeps_its_data_and_loses_the_keys(String db) throws SQLException {
        Config config = TestServer.config(db);
        Jdbi rows = OldSchema.at(config, "28");
        writeAsSchema28(rows);
        List<String> before = rows.withHandle(h -> foreignKeys(h.getConnection(), "account_transaction"));
        assertThat(before).containsExactlyInAnyOrder("account_transaction -> member", "account_transaction -> account");

        try (TestServer server = TestServer.start(config)) {
            Api api = server.api();
            String member = "/users/" + OLD_USER + "/members/" + OLD_MEMBER;
            assertThat(api.get(member + "/transactions").json().at("/pagination/total_entries").asInt()).isEqualTo(2);
            assertThat(api.get(member + "/holdings").json().at("/holdings/0/symbol").asText()).isEqualTo("VTI");
            List<String> keys = rows.withHandle(h -> {
                List<String> found = new ArrayList<>();
                for (String table : TABLES) {
                    found.addAll(foreignKeys(h.getConnection(), table));
                }
                return found;
            });
            assertThat(keys).isEmpty();

            assertThat(api.delete(member).status()).isEqualTo(204);

            for (String table : TABLES) {
                assertThat(count(rows, table, "member_guid", OLD_MEMBER)).as(table).isZero();
            }
        }
    }

    /** A member with an account, two transactions and a holding, written as schema 28 held them. */
    private static void writeAsSchema28(Jdbi rows) {
        Instant now = Instant.now();
        new ClientStore(rows, Clock.systemUTC()).add(TestServer.CLIENT_ID, TestServer.API_KEY);
        rows.useTransaction(h -> {
            StoredRows.user(h, OLD_USER, now);
            StoredRows.member(h, OLD_MEMBER, OLD_USER, "CONNECTED", false, null, now);
            h.createUpdate("""
                            INSERT INTO account (guid, member_guid, user_guid, source_id, name, type, balance,
                              currency_code, created_at, updated_at)
                            VALUES ('ACT-before-29', :member, :user, 'acct-1', 'Brokerage', 'INVESTMENT', 1000.00,
                              'USD', :now, :now)""")
                    .bind("member", OLD_MEMBER).bind("user", OLD_USER).bind("now", now).execute();
            for (int i = 1; i <= 2; i++) {
                h.createUpdate("""
                                INSERT INTO account_transaction (guid, member_guid, user_guid, account_guid, source_id,
                                  transacted_on, status, type, amount, is_income, is_expense, is_fee,
                                  is_payroll_advance, is_bill_pay, is_direct_deposit, is_recurring, is_subscription,
                                  created_at, updated_at)
                                VALUES (:guid, :member, :user, 'ACT-before-29', :source, :day, 'POSTED', 'DEBIT', 12.50,
                                  FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, :now, :now)""")
                        .bind("guid", "TRN-before-29-" + i).bind("member", OLD_MEMBER).bind("user", OLD_USER)
                        .bind("source", "txn-" + i).bind("day", LocalDate.of(2026, 11, i)).bind("now", now)
                        .execute();
            }
            h.createUpdate("""
                            INSERT INTO holding (guid, member_guid, user_guid, account_guid, source_id, symbol, shares,
                              market_value, currency_code, created_at, updated_at)
                            VALUES ('HOL-before-29', :member, :user, 'ACT-before-29', 'vti', 'VTI', 4, 1000.00, 'USD',
                              :now, :now)""")
                    .bind("member", OLD_MEMBER).bind("user", OLD_USER).bind("now", now).execute();
        });
    }

    private static String connected(Flow flow) {
        String member = flow.member("password", false);
        flow.awaitStatus(member, "CONNECTED");
        return member;
    }

    private static long count(Jdbi rows, String table, String column, String value) {
        return rows.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :v")
                .bind("v", value).mapTo(Long.class).one());
    }

    private static long orphans(Jdbi rows, String table) {
        return rows.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table
                + " x WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.guid = x.member_guid)").mapTo(Long.class).one());
    }

    /** Sessions of the test's database waiting for a lock another session holds. */
    private static long blockedSessions(Jdbi rows, String db) {
        String sql = db.equals("h2")
                ? "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()";
        return rows.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** {@code table}'s foreign keys, as "table -> referenced table". */
    private static List<String> foreignKeys(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        List<String> keys = new ArrayList<>();
        try (ResultSet found = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(),
                metadata.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table)) {
            while (found.next()) {
                keys.add(table + " -> " + found.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return keys;
    }
}
