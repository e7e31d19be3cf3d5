package dev.openagg.scenario;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.DocumentData;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.OwnerData;
import dev.openagg.connector.TransactionData;
import dev.openagg.document.StatementPdf;
import dev.openagg.document.StatementSheet;
import dev.openagg.document.TaxForm;
import dev.openagg.document.TaxFormPdf;
import dev.openagg.mxbank.data.MxBankHarvest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** What each kind of job brings back from a scenario's data, as MX Bank's jobs do from its generated data. */
final class ScenarioHarvest {
    private final MxBankHarvest generator = new MxBankHarvest();

    Harvest of(ScenarioData data, String institutionName, JobContext context) {
        if (data.generated() != null) {
            return generator.of(data.generated(), context.kind(), context.memberGuid(), context.now());
        }
        List<AccountData> accounts = data.accounts().stream().map(ScenarioHarvest::account).toList();
        Harvest.Builder harvest = Harvest.builder();
        return switch (context.kind()) {
            case AGGREGATE -> harvest.accounts(accounts).transactions(transactions(data)).holdings(holdings(data))
                    .build();
            case BALANCE -> harvest.accounts(accounts).build();
            case HISTORY -> harvest.accounts(accounts).transactions(transactions(data)).build();
            case IDENTITY -> harvest.accounts(accounts).owners(owners(data)).build();
            case VERIFICATION -> harvest.accounts(accounts).accountNumbers(data.accounts().stream()
                    .filter(a -> a.accountNumber() != null && a.routingNumber() != null)
                    .map(a -> new AccountNumberData(a.id(), a.accountNumber(), a.routingNumber())).toList()).build();
            case STATEMENTS -> harvest.accounts(accounts).statements(statements(data, institutionName)).build();
            case TAX_DOCUMENTS -> harvest.taxDocuments(taxDocuments(data, institutionName)).build();
        };
    }

    private static AccountData account(ScenarioData.Account a) {
        return new AccountData(a.id(), a.name(), a.type(), a.subtype(), a.accountNumber(), a.routingNumber(),
                a.balance(), a.availableBalance(), a.creditLimit(), a.interestRate(), a.openedOn(), a.currencyCode());
    }

    private static List<TransactionData> transactions(ScenarioData data) {
        List<TransactionData> out = new ArrayList<>();
        for (ScenarioData.Account a : data.accounts()) {
            for (ScenarioData.Transaction t : a.transactions()) {
                boolean credit = t.amount().signum() > 0;
                out.add(new TransactionData(t.id(), a.id(), t.date(), t.pending() ? null : t.postedDate(),
                        t.pending() ? "PENDING" : "POSTED", credit ? "CREDIT" : "DEBIT", t.amount().abs(),
                        t.description(), t.description(), t.category(), null, null, credit, !credit, false, false,
                        false, false, false, false));
            }
        }
        return out;
    }

    private static List<HoldingData> holdings(ScenarioData data) {
        return data.accounts().stream().flatMap(a -> a.holdings().stream().map(h -> new HoldingData(h.id(), a.id(),
                h.symbol(), h.description(), h.cusip(), h.holdingType(), h.shares(), h.purchasePrice(), h.costBasis(),
                h.marketValue(), null, a.currencyCode()))).toList();
    }

    private static List<OwnerData> owners(ScenarioData data) {
        return data.accounts().stream().flatMap(a -> a.owners().stream().map(o -> new OwnerData(a.id(), o.name(),
                o.firstName(), o.lastName(), o.address(), o.city(), o.state(), o.postalCode(), o.country(), o.email(),
                o.phone()))).toList();
    }

    /**
     * A statement per month asked for: its lines are the account's posted transactions of that month, its closing
     * balance the account's balance less everything posted after the month, so opening plus lines is closing.
     */
    private static List<DocumentData> statements(ScenarioData data, String institutionName) {
        List<DocumentData> out = new ArrayList<>();
        for (ScenarioData.Account a : data.accounts()) {
            for (YearMonth month : a.statements()) {
                LocalDate start = month.atDay(1);
                LocalDate end = month.atEndOfMonth();
                List<ScenarioData.Transaction> posted = a.transactions().stream().filter(t -> !t.pending()).toList();
                BigDecimal later = sum(posted.stream().filter(t -> t.postedDate().isAfter(end)).toList());
                List<ScenarioData.Transaction> in = posted.stream()
                        .filter(t -> !t.postedDate().isBefore(start) && !t.postedDate().isAfter(end)).toList();
                BigDecimal closing = a.balance().subtract(later);
                BigDecimal opening = closing.subtract(sum(in));
                String holder = a.owners().isEmpty() ? "Account holder" : a.owners().get(0).name();
                StatementSheet sheet = new StatementSheet(institutionName, a.name(), masked(a.accountNumber()), holder,
                        List.of(), start, end, opening, closing, in.stream()
                        .map(t -> new StatementSheet.Line(t.postedDate(), t.description(), t.amount())).toList());
                out.add(new DocumentData("stmt-" + a.id() + "-" + month, null, null, a.id(), end,
                        StatementPdf.render(sheet)));
            }
        }
        return out;
    }

    private static List<DocumentData> taxDocuments(ScenarioData data, String institutionName) {
        return data.taxDocuments().stream().map(d -> {
            TaxForm form = new TaxForm(d.form(), d.title(), d.taxYear(),
                    new TaxForm.Party("Payer", institutionName, "", List.of()),
                    new TaxForm.Party("Recipient", d.recipient(), "", List.of()), null,
                    d.boxes().stream().map(b -> new TaxForm.Box(b.box(), b.label(), b.amount())).toList());
            return new DocumentData("tax-" + d.taxYear() + "-" + d.form(), "TAX" + d.form().replace('-', '_'),
                    String.valueOf(d.taxYear()), null, LocalDate.of(d.taxYear() + 1, 1, 31), TaxFormPdf.render(form));
        }).toList();
    }

    private static BigDecimal sum(List<ScenarioData.Transaction> transactions) {
        return transactions.stream().map(ScenarioData.Transaction::amount).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
    }

    private static String masked(String number) {
        return number == null || number.length() < 4 ? "" : "XXXXXX" + number.substring(number.length() - 4);
    }
}
