package dev.openagg.account;

import static java.sql.Types.BOOLEAN;
import static java.sql.Types.DATE;
import static java.sql.Types.INTEGER;
import static java.sql.Types.NUMERIC;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;

import dev.openagg.clock.ClientClocks;
import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Guids;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.OwnerData;
import dev.openagg.connector.TransactionData;
import dev.openagg.db.RowInserts;
import dev.openagg.job.HarvestSink;
import dev.openagg.member.Member;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores accounts and what hangs off them, inside the transaction that ends the job, so readers never see half
 * of a job's data. Records are matched by the institution's {@code source_id}: known ones are updated in place.
 */
public final class AccountWriter implements HarvestSink {
    private static final RowInserts TRANSACTIONS = new RowInserts("account_transaction", List.of("guid",
            "member_guid", "user_guid", "account_guid", "source_id", "transacted_on", "posted_on", "status", "type",
            "amount", "description", "original_description", "category", "top_level_category",
            "merchant_category_code", "is_income", "is_expense", "is_fee", "is_payroll_advance", "is_bill_pay",
            "is_direct_deposit", "is_recurring", "is_subscription", "created_at", "updated_at"),
            new int[] {VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DATE, DATE, VARCHAR, VARCHAR, NUMERIC, VARCHAR,
                    VARCHAR, VARCHAR, VARCHAR, INTEGER, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN, BOOLEAN,
                    BOOLEAN, TIMESTAMP_WITH_TIMEZONE, TIMESTAMP_WITH_TIMEZONE});
    private static final RowInserts HOLDINGS = new RowInserts("holding", List.of("guid", "member_guid", "user_guid",
            "account_guid", "source_id", "symbol", "description", "cusip", "holding_type", "shares", "purchase_price",
            "cost_basis", "market_value", "daily_change", "currency_code", "created_at", "updated_at"),
            new int[] {VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, NUMERIC,
                    NUMERIC, NUMERIC, NUMERIC, NUMERIC, VARCHAR, TIMESTAMP_WITH_TIMEZONE, TIMESTAMP_WITH_TIMEZONE});

    private final ClientClocks clocks;

    /** Stamps what it stores on the member's client's clock ({@code clocks}). */
    public AccountWriter(ClientClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public Stored store(Handle h, Member member, JobKind kind, Harvest harvest) {
        Instant now = clocks.of(h, member.clientId()).now();
        Stored stored = Stored.NOTHING;
        Map<String, String> accounts = accountGuids(h, member.guid());
        if (harvest.accounts() != null) {
            harvest.accounts().forEach(a -> upsertAccount(h, member, accounts, a, now));
        }
        if (harvest.transactions() != null) {
            stored = upsertTransactions(h, member, accounts, harvest.transactions(), now);
        }
        if (harvest.holdings() != null) {
            replaceHoldings(h, member, accounts, harvest.holdings(), now);
        }
        if (harvest.owners() != null) {
            h.createUpdate("DELETE FROM account_owner WHERE member_guid = :m").bind("m", member.guid()).execute();
            harvest.owners().forEach(o -> insertOwner(h, member, accounts, o));
        }
        if (harvest.accountNumbers() != null) {
            h.createUpdate("DELETE FROM account_number WHERE member_guid = :m").bind("m", member.guid()).execute();
            harvest.accountNumbers().forEach(n -> insertNumber(h, member, accounts, n));
        }
        return stored;
    }

    private static Map<String, String> accountGuids(Handle h, String memberGuid) {
        Map<String, String> bySource = new HashMap<>();
        h.createQuery("SELECT source_id, guid FROM account WHERE member_guid = :m").bind("m", memberGuid)
                .map((rs, c) -> Map.entry(rs.getString("source_id"), rs.getString("guid")))
                .forEach(e -> bySource.put(e.getKey(), e.getValue()));
        return bySource;
    }

    private static String account(Map<String, String> accounts, String sourceId) {
        String guid = accounts.get(sourceId);
        if (guid == null) {
            throw new IllegalStateException("connector returned data for unknown account " + sourceId);
        }
        return guid;
    }

    /**
     * Updates the account the member has under {@code a}'s source id, or adds it and its guid to {@code accounts} (the
     * member's accounts by source id, read once: the member's row is locked while its data is stored).
     */
    private static void upsertAccount(Handle h, Member member, Map<String, String> accounts, AccountData a,
                                      Instant now) {
        String known = accounts.get(a.sourceId());
        String guid = known != null ? known : Guids.next("ACT");
        String sql = known != null
                ? """
                  UPDATE account SET name = :name, type = :type, subtype = :subtype, account_number = :accountNumber,
                    routing_number = :routingNumber, balance = :balance, available_balance = :availableBalance,
                    credit_limit = :creditLimit, interest_rate = :interestRate, started_on = :startedOn,
                    currency_code = :currencyCode, updated_at = :now WHERE guid = :guid"""
                : """
                  INSERT INTO account (guid, member_guid, user_guid, source_id, name, type, subtype, account_number,
                    routing_number, balance, available_balance, credit_limit, interest_rate, started_on, currency_code,
                    created_at, updated_at)
                  VALUES (:guid, :member, :user, :sourceId, :name, :type, :subtype, :accountNumber, :routingNumber,
                    :balance, :availableBalance, :creditLimit, :interestRate, :startedOn, :currencyCode, :now, :now)""";
        h.createUpdate(sql).bindMethods(a)
                .bind("guid", guid)
                .bind("member", member.guid()).bind("user", member.userGuid()).bind("now", now)
                .execute();
        accounts.put(a.sourceId(), guid);
    }

    /**
     * Adds new transactions in multi-row inserts ({@link RowInserts}) and updates those whose status, posting date or
     * amount changed in one batch: a first aggregation writes hundreds of rows, and one statement per row would
     * dominate the job's time.
     */
    private static Stored upsertTransactions(Handle h, Member member, Map<String, String> accounts,
                                             List<TransactionData> transactions, Instant now) {
        Map<String, Known> known = new HashMap<>();
        h.createQuery("SELECT source_id, guid, status, posted_on, amount FROM account_transaction WHERE member_guid = :m")
                .bind("m", member.guid())
                .map((rs, c) -> new Known(rs.getString("source_id"), rs.getString("guid"), rs.getString("status"),
                        rs.getObject("posted_on", java.time.LocalDate.class), rs.getBigDecimal("amount")))
                .forEach(k -> known.put(k.sourceId(), k));
        List<Object[]> inserts = new ArrayList<>();
        PreparedBatch updates = h.prepareBatch("""
                UPDATE account_transaction SET transacted_on = :transactedOn, posted_on = :postedOn, status = :status,
                  type = :type, amount = :amount, description = :description,
                  original_description = :originalDescription, category = :category,
                  top_level_category = :topLevelCategory, merchant_category_code = :merchantCategoryCode,
                  updated_at = :now WHERE guid = :guid""");
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        for (TransactionData t : transactions) {
            Known k = known.get(t.sourceId());
            if (k == null) {
                inserts.add(transactionRow(t, member, account(accounts, t.accountSourceId()), stamp));
            } else if (k.changedBy(t)) {
                updates.bindMethods(t).bind("guid", k.guid()).bind("now", now).add();
            }
        }
        Stored stored = new Stored(inserts.size(), updates.size());
        TRANSACTIONS.insert(h, inserts);
        if (updates.size() > 0) {
            updates.execute();
        }
        return stored;
    }

    /** What is stored of a transaction, to tell whether the institution's version changed. */
    private record Known(String sourceId, String guid, String status, java.time.LocalDate postedOn, BigDecimal amount) {
        boolean changedBy(TransactionData t) {
            return !status.equals(t.status()) || !Objects.equals(postedOn, t.postedOn()) || amount.compareTo(t.amount()) != 0;
        }
    }

    private static void replaceHoldings(Handle h, Member member, Map<String, String> accounts, List<HoldingData> holdings,
                                        Instant now) {
        Map<String, String> kept = new HashMap<>();
        h.createQuery("SELECT source_id, guid FROM holding WHERE member_guid = :m").bind("m", member.guid())
                .map((rs, c) -> Map.entry(rs.getString("source_id"), rs.getString("guid")))
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        h.createUpdate("DELETE FROM holding WHERE member_guid = :m").bind("m", member.guid()).execute();
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(holdings.size());
        for (HoldingData d : holdings) {
            rows.add(new Object[] {kept.getOrDefault(d.sourceId(), Guids.next("HOL")), member.guid(),
                    member.userGuid(), account(accounts, d.accountSourceId()), d.sourceId(), d.symbol(),
                    d.description(), d.cusip(), d.holdingType(), d.shares(), d.purchasePrice(), d.costBasis(),
                    d.marketValue(), d.dailyChange(), d.currencyCode(), stamp, stamp});
        }
        HOLDINGS.insert(h, rows);
    }

    /** A new transaction's values, in the order of {@link #TRANSACTIONS}' columns. */
    private static Object[] transactionRow(TransactionData t, Member member, String accountGuid, OffsetDateTime stamp) {
        return new Object[] {Guids.next("TRN"), member.guid(), member.userGuid(), accountGuid, t.sourceId(),
                t.transactedOn(), t.postedOn(), t.status(), t.type(), t.amount(), t.description(),
                t.originalDescription(), t.category(), t.topLevelCategory(), t.merchantCategoryCode(), t.isIncome(),
                t.isExpense(), t.isFee(), t.isPayrollAdvance(), t.isBillPay(), t.isDirectDeposit(), t.isRecurring(),
                t.isSubscription(), stamp, stamp};
    }

    private static void insertOwner(Handle h, Member member, Map<String, String> accounts, OwnerData o) {
        h.createUpdate("""
                        INSERT INTO account_owner (guid, member_guid, user_guid, account_guid, owner_name, first_name,
                          last_name, address, city, state, postal_code, country, email, phone)
                        VALUES (:guid, :member, :user, :account, :ownerName, :firstName, :lastName, :address, :city,
                          :state, :postalCode, :country, :email, :phone)""")
                .bindMethods(o)
                .bind("guid", Guids.next("ACO")).bind("member", member.guid()).bind("user", member.userGuid())
                .bind("account", account(accounts, o.accountSourceId()))
                .execute();
    }

    private static void insertNumber(Handle h, Member member, Map<String, String> accounts, AccountNumberData n) {
        h.createUpdate("""
                        INSERT INTO account_number (guid, member_guid, user_guid, account_guid, account_number, routing_number)
                        VALUES (:guid, :member, :user, :account, :accountNumber, :routingNumber)""")
                .bindMethods(n)
                .bind("guid", Guids.next("ACN")).bind("member", member.guid()).bind("user", member.userGuid())
                .bind("account", account(accounts, n.accountSourceId()))
                .execute();
    }
}
