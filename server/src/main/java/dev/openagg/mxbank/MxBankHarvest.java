package dev.openagg.mxbank;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.OwnerData;
import dev.openagg.connector.TransactionData;
import dev.openagg.mxbank.data.BankAccount;
import dev.openagg.mxbank.data.BankTransaction;
import dev.openagg.mxbank.data.MxBankData;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** What each kind of job brings back from MX Bank: the member's generated data, as of the job's day. */
final class MxBankHarvest {
    static final int RECENT_DAYS = 90;
    static final int HISTORY_DAYS = 730;
    /** The scenario whose members also receive a W-2: the guide's own two-round flow. */
    static final String W2_SCENARIO = "options";

    private final MxBankData data = new MxBankData();
    private final MxBankTaxForms taxForms = new MxBankTaxForms(data);
    private final MxBankStatements statements = new MxBankStatements(data);

    Harvest of(JobContext context) {
        String seed = context.memberGuid();
        LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        List<BankAccount> bank = data.accounts(seed, today);
        List<AccountData> accounts = bank.stream().map(MxBankHarvest::account).toList();
        Harvest.Builder harvest = Harvest.builder();
        return switch (context.kind()) {
            case AGGREGATE -> harvest.accounts(accounts)
                    .transactions(transactions(seed, today.minusDays(RECENT_DAYS - 1), today))
                    .holdings(holdings(seed, today)).build();
            case BALANCE -> harvest.accounts(accounts).build();
            case HISTORY -> harvest.accounts(accounts)
                    .transactions(transactions(seed, today.minusDays(HISTORY_DAYS - 1), today)).build();
            case IDENTITY -> harvest.accounts(accounts).owners(owners(seed)).build();
            case VERIFICATION -> harvest.accounts(accounts).accountNumbers(bank.stream()
                    .filter(a -> a.routingNumber() != null)
                    .map(a -> new AccountNumberData(a.id(), a.accountNumber(), a.routingNumber())).toList()).build();
            case STATEMENTS -> harvest.accounts(accounts).statements(statements.of(seed, today)).build();
            case TAX_DOCUMENTS -> harvest
                    .taxDocuments(taxForms.of(seed, today, W2_SCENARIO.equals(context.credential("PASSWORD")))).build();
        };
    }

    private static AccountData account(BankAccount a) {
        return new AccountData(a.id(), a.name(), a.type(), a.subtype(), a.accountNumber(), a.routingNumber(),
                a.balance(), a.availableBalance(), a.creditLimit(), a.interestRate(), a.openedOn(), a.currencyCode());
    }

    private List<TransactionData> transactions(String seed, LocalDate from, LocalDate today) {
        return data.transactions(seed, from, today).stream().map(MxBankHarvest::transaction).toList();
    }

    private static TransactionData transaction(BankTransaction t) {
        return new TransactionData(t.id(), t.accountId(), t.transactedOn(), t.postedOn(), t.status(), t.type(),
                t.amount(), t.description(), t.originalDescription(), t.category(), t.topLevelCategory(),
                t.merchantCategoryCode() == null ? null : Integer.valueOf(t.merchantCategoryCode()), t.isIncome(),
                t.isExpense(), t.isFee(), t.isPayrollAdvance(), t.isBillPay(), t.isDirectDeposit(), t.isRecurring(),
                t.isSubscription());
    }

    private List<HoldingData> holdings(String seed, LocalDate today) {
        return data.holdings(seed, today).stream()
                .map(h -> new HoldingData(h.id(), h.accountId(), h.symbol(), h.description(), h.cusip(),
                        h.holdingType(), h.shares(), h.purchasePrice(), h.costBasis(), h.marketValue(),
                        h.dailyChange(), h.currencyCode()))
                .toList();
    }

    private List<OwnerData> owners(String seed) {
        return data.owners(seed).stream()
                .map(o -> new OwnerData(o.accountId(), o.ownerName(), o.firstName(), o.lastName(), o.address(),
                        o.city(), o.state(), o.postalCode(), o.country(), o.email(), o.phone()))
                .toList();
    }
}
