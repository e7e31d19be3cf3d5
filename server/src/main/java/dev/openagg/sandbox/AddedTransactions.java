package dev.openagg.sandbox;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.Guids;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.TransactionData;
import dev.openagg.job.HarvestSink;
import dev.openagg.member.Member;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions a client added to an account ({@code POST /sandbox/users/{u}/accounts/{a}/transactions}). They are
 * part of what the institution reports from then on, whatever the connector: {@link #into} merges them into every
 * harvest before the account writer stores it, so they are counted, stored and reported as the connector's own
 * (new ones in {@code transactions_created_count}), and the posted ones move the account's balance.
 */
final class AddedTransactions {
    /** Account types whose balance is an amount owed: a debit raises it. */
    private static final Set<String> OWED = Set.of("CREDIT_CARD", "LINE_OF_CREDIT", "LOAN", "MORTGAGE");

    /** One added transaction; {@code sourceId} becomes the stored transaction's {@code id}. */
    record Added(String sourceId, String accountGuid, String accountSourceId, LocalDate date, String status,
                 String type, BigDecimal amount, String description) {
        TransactionData data() {
            boolean posted = "POSTED".equals(status);
            boolean credit = "CREDIT".equals(type);
            return new TransactionData(sourceId, accountSourceId, date, posted ? date : null, status, type, amount,
                    description, description, null, null, null, credit, !credit, false, false, false, false, false,
                    false);
        }

        /** How much this moves its account's balance, once posted. */
        BigDecimal balanceChange(String accountType) {
            if (!"POSTED".equals(status)) {
                return BigDecimal.ZERO;
            }
            boolean raises = "DEBIT".equals(type) == OWED.contains(accountType);
            return raises ? amount : amount.negate();
        }
    }

    /** An account of a client's user, as the institution knows it. */
    record Account(String guid, String memberGuid, String sourceId) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    AddedTransactions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records them; each gets its source id. */
    List<Added> add(Account account, List<NewTransaction> sent) {
        List<Added> added = sent.stream().map(t -> new Added(Guids.next("SBX-TRN"), account.guid(),
                account.sourceId(), t.date(), t.status(), t.type(), t.amount(), t.description())).toList();
        jdbi.useTransaction(h -> added.forEach(a -> h.createUpdate("""
                        INSERT INTO sandbox_transaction (source_id, member_guid, account_guid, account_source_id,
                          transacted_on, status, type, amount, description, created_at)
                        VALUES (:sourceId, :member, :accountGuid, :accountSourceId, :date, :status, :type, :amount,
                          :description, :now)""")
                .bind("sourceId", a.sourceId()).bind("accountGuid", a.accountGuid())
                .bind("accountSourceId", a.accountSourceId()).bind("date", a.date()).bind("status", a.status())
                .bind("type", a.type()).bind("amount", a.amount()).bind("description", a.description())
                .bind("member", account.memberGuid()).bind("now", clock.instant()).execute()));
        return added;
    }

    /** What a client sends for one transaction, checked. */
    record NewTransaction(BigDecimal amount, LocalDate date, String description, String status, String type) {
    }

    /** The account sink, seeing every harvest with the member's added transactions in it. */
    HarvestSink into(HarvestSink accounts) {
        return (h, member, kind, harvest) -> accounts.store(h, member, kind, merged(h, member, harvest));
    }

    private Harvest merged(Handle h, Member member, Harvest harvest) {
        if (harvest.accounts() == null && harvest.transactions() == null) {
            return harvest;
        }
        List<Added> added = h.createQuery("SELECT * FROM sandbox_transaction WHERE member_guid = :m ORDER BY seq")
                .bind("m", member.guid())
                .map((rs, c) -> new Added(rs.getString("source_id"), rs.getString("account_guid"),
                        rs.getString("account_source_id"), rs.getObject("transacted_on", LocalDate.class),
                        rs.getString("status"), rs.getString("type"), rs.getBigDecimal("amount"),
                        rs.getString("description")))
                .list();
        if (added.isEmpty()) {
            return harvest;
        }
        return Harvest.builder()
                .accounts(harvest.accounts() == null ? null : moved(harvest.accounts(), added))
                .transactions(harvest.transactions() == null ? null : withAdded(harvest.transactions(), added))
                .holdings(harvest.holdings())
                .owners(harvest.owners())
                .accountNumbers(harvest.accountNumbers())
                .taxDocuments(harvest.taxDocuments())
                .statements(harvest.statements())
                .build();
    }

    private static List<AccountData> moved(List<AccountData> accounts, List<Added> added) {
        Map<String, AccountData> bySource = new HashMap<>();
        accounts.forEach(a -> bySource.put(a.sourceId(), a));
        Map<String, BigDecimal> change = new HashMap<>();
        for (Added a : added) {
            AccountData account = bySource.get(a.accountSourceId());
            if (account != null) {
                change.merge(a.accountSourceId(), a.balanceChange(account.type()), BigDecimal::add);
            }
        }
        return accounts.stream().map(a -> {
            BigDecimal by = change.getOrDefault(a.sourceId(), BigDecimal.ZERO);
            return by.signum() == 0 ? a : new AccountData(a.sourceId(), a.name(), a.type(), a.subtype(),
                    a.accountNumber(), a.routingNumber(), plus(a.balance(), by), plus(a.availableBalance(), by),
                    a.creditLimit(), a.interestRate(), a.startedOn(), a.currencyCode());
        }).toList();
    }

    private static BigDecimal plus(BigDecimal value, BigDecimal by) {
        return value == null ? null : value.add(by);
    }

    private static List<TransactionData> withAdded(List<TransactionData> transactions, List<Added> added) {
        List<TransactionData> all = new ArrayList<>(transactions);
        added.forEach(a -> all.add(a.data()));
        return all;
    }

    /** The account if it belongs to this client's user. */
    Optional<Account> account(String clientId, String userGuid, String accountGuid) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.guid, a.member_guid, a.source_id FROM account a JOIN app_user u ON u.guid = a.user_guid
                        WHERE a.guid = :a AND u.guid = :u AND u.client_id = :c""")
                .bind("a", accountGuid).bind("u", userGuid).bind("c", clientId)
                .map((rs, c) -> new Account(rs.getString("guid"), rs.getString("member_guid"), rs.getString("source_id")))
                .findOne());
    }
}
