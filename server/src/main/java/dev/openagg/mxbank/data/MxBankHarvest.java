package dev.openagg.mxbank.data;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.OwnerData;
import dev.openagg.connector.TransactionData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each kind of job brings back from MX Bank's generator: a member's generated data, as of the job's day. MX Bank
 * uses it as it is; a scenario can ask for fewer accounts, other windows of history, chosen balances, or data that is
 * the same for every member.
 */
public final class MxBankHarvest {
    private final MxBankData data = new MxBankData();
    private final MxBankTaxForms taxForms = new MxBankTaxForms(data);
    private final MxBankStatements statements = new MxBankStatements(data);

    /**
     * How much of the generated data a job brings back.
     *
     * @param accounts    how many of the generator's accounts, in the order checking, savings, credit card,
     *                    brokerage (1 to 4)
     * @param recentDays  days of transactions an {@code aggregate} job brings back
     * @param historyDays days of transactions an {@code extend_history} job brings back
     * @param w2          whether tax documents include a W-2
     * @param seed        what the data is drawn from; null draws it from the member, so each member has its own
     * @param balances    balances chosen by account type ({@link #TYPES}), reported instead of the generated ones
     */
    public record Settings(int accounts, int recentDays, int historyDays, boolean w2, String seed,
                           Map<String, BigDecimal> balances) {
        /** The types of the generator's accounts, in their order. */
        public static final List<String> TYPES = Arrays.stream(Kind.values()).map(k -> k.type).toList();
        /** MX Bank's own: four accounts, 90 days, 24 months, no W-2, each member its own data, balances generated. */
        public static final Settings MX_BANK = new Settings(4, 90, 730, false, null, Map.of());

        public Settings {
            if (accounts < 1 || accounts > 4 || recentDays < 1 || historyDays < 1) {
                throw new IllegalArgumentException("1 to 4 accounts and at least a day of history");
            }
            balances = Map.copyOf(balances);
            if (!TYPES.subList(0, accounts).containsAll(balances.keySet())) {
                throw new IllegalArgumentException("balances only for the " + accounts + " accounts generated");
            }
        }
    }

    /** The data a job of {@code kind} for member {@code memberGuid} brings back at {@code now}. */
    public Harvest of(Settings settings, JobKind kind, String memberGuid, Instant now) {
        String seed = settings.seed() == null ? memberGuid : settings.seed();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<BankAccount> bank = data.accounts(seed, today).subList(0, settings.accounts());
        Set<String> kept = bank.stream().map(BankAccount::id).collect(Collectors.toSet());
        List<AccountData> accounts = bank.stream().map(a -> account(a, settings.balances().get(a.type()))).toList();
        Harvest.Builder harvest = Harvest.builder();
        return switch (kind) {
            case AGGREGATE -> harvest.accounts(accounts)
                    .transactions(transactions(seed, today.minusDays(settings.recentDays() - 1), today, kept))
                    .holdings(holdings(seed, today, kept)).build();
            case BALANCE -> harvest.accounts(accounts).build();
            case HISTORY -> harvest.accounts(accounts)
                    .transactions(transactions(seed, today.minusDays(settings.historyDays() - 1), today, kept)).build();
            case IDENTITY -> harvest.accounts(accounts).owners(owners(seed, kept)).build();
            case VERIFICATION -> harvest.accounts(accounts).accountNumbers(bank.stream()
                    .filter(a -> a.routingNumber() != null)
                    .map(a -> new AccountNumberData(a.id(), a.accountNumber(), a.routingNumber())).toList()).build();
            case STATEMENTS -> harvest.accounts(accounts).statements(statements.of(seed, today).stream()
                    .filter(s -> kept.contains(s.accountSourceId())).toList()).build();
            case TAX_DOCUMENTS -> harvest.taxDocuments(taxForms.of(seed, today, settings.w2())).build();
        };
    }

    /**
     * The account as a job reports it; a chosen {@code balance} replaces the generated one, and the available balance
     * moves with it (the credit still available on a card moves the other way, and never below zero). The
     * transactions stay as generated.
     */
    private static AccountData account(BankAccount a, BigDecimal balance) {
        BigDecimal available = a.availableBalance();
        if (balance != null) {
            BigDecimal change = balance.subtract(a.balance());
            available = Kind.CREDIT_CARD.type.equals(a.type()) ? available.subtract(change).max(BigDecimal.ZERO
                    .setScale(2)) : available.add(change);
        }
        return new AccountData(a.id(), a.name(), a.type(), a.subtype(), a.accountNumber(), a.routingNumber(),
                balance != null ? balance : a.balance(), available, a.creditLimit(), a.interestRate(), a.openedOn(),
                a.currencyCode());
    }

    private List<TransactionData> transactions(String seed, LocalDate from, LocalDate today, Set<String> kept) {
        return data.transactions(seed, from, today).stream()
                .filter(t -> kept.contains(t.accountId()))
                .map(MxBankHarvest::transaction).toList();
    }

    private static TransactionData transaction(BankTransaction t) {
        return new TransactionData(t.id(), t.accountId(), t.transactedOn(), t.postedOn(), t.status(), t.type(),
                t.amount(), t.description(), t.originalDescription(), t.category(), t.topLevelCategory(),
                t.merchantCategoryCode() == null ? null : Integer.valueOf(t.merchantCategoryCode()), t.isIncome(),
                t.isExpense(), t.isFee(), t.isPayrollAdvance(), t.isBillPay(), t.isDirectDeposit(), t.isRecurring(),
                t.isSubscription());
    }

    private List<HoldingData> holdings(String seed, LocalDate today, Set<String> kept) {
        return data.holdings(seed, today).stream()
                .filter(h -> kept.contains(h.accountId()))
                .map(h -> new HoldingData(h.id(), h.accountId(), h.symbol(), h.description(), h.cusip(),
                        h.holdingType(), h.shares(), h.purchasePrice(), h.costBasis(), h.marketValue(),
                        h.dailyChange(), h.currencyCode()))
                .toList();
    }

    private List<OwnerData> owners(String seed, Set<String> kept) {
        return data.owners(seed).stream()
                .filter(o -> kept.contains(o.accountId()))
                .map(o -> new OwnerData(o.accountId(), o.ownerName(), o.firstName(), o.lastName(), o.address(),
                        o.city(), o.state(), o.postalCode(), o.country(), o.email(), o.phone()))
                .toList();
    }
}
