package dev.openagg.mxbank.data;

import dev.openagg.connector.DocumentData;
import dev.openagg.document.TaxForm;
import dev.openagg.document.TaxForm.Box;
import dev.openagg.document.TaxForm.Party;
import dev.openagg.document.TaxFormPdf;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * MX Bank's tax forms for the last two tax years: 1099-INT, 1099-DIV and 1099-B for every member, and a W-2 (MX Bank
 * runs its customers' payroll in this sandbox) for members of the {@code options} scenario. Amounts are the year's
 * figures from the same generated transactions the accounts show.
 */
final class MxBankTaxForms {
    static final String EMPLOYER = "Sandbox Payroll Services";
    private static final String EMPLOYER_TIN = "98-7654321";

    private final MxBankData data;

    MxBankTaxForms(MxBankData data) {
        this.data = data;
    }

    List<DocumentData> of(String seed, LocalDate today, boolean withW2) {
        BankProfile p = data.profile(seed);
        Party payer = new Party("Payer", p.payerName(), p.payerTin(),
                List.of(p.payerAddress(), p.payerCity() + ", " + p.payerState() + " " + p.payerPostalCode()));
        Party recipient = new Party("Recipient", p.holderName(), p.maskedSsn(),
                List.of(p.address(), p.city() + ", " + p.state() + " " + p.postalCode()));
        List<DocumentData> documents = new ArrayList<>();
        for (int year = today.getYear() - 2; year < today.getYear(); year++) {
            List<YearlyIncome> income = data.income(seed, year);
            LocalDate january = LocalDate.of(year + 1, 1, 31);
            LocalDate february = LocalDate.of(year + 1, 2, 15);
            add(documents, today, january, new TaxForm("1099-INT", "Interest Income", year, payer, recipient, null, List.of(
                    new Box("1", "Interest income", sum(income, YearlyIncome::interest)),
                    new Box("3", "Interest on U.S. Savings Bonds and Treasury obligations", BigDecimal.ZERO.setScale(2)),
                    new Box("4", "Federal income tax withheld", BigDecimal.ZERO.setScale(2)))));
            add(documents, today, january, new TaxForm("1099-DIV", "Dividends and Distributions", year, payer, recipient, null, List.of(
                    new Box("1a", "Total ordinary dividends", sum(income, YearlyIncome::ordinaryDividends)),
                    new Box("1b", "Qualified dividends", sum(income, YearlyIncome::qualifiedDividends)),
                    new Box("2a", "Total capital gain distributions", sum(income, YearlyIncome::capitalGainDistributions)),
                    new Box("4", "Federal income tax withheld", BigDecimal.ZERO.setScale(2)))));
            BigDecimal proceeds = sum(income, YearlyIncome::proceeds);
            BigDecimal basis = sum(income, YearlyIncome::costBasisSold);
            add(documents, today, february, new TaxForm("1099-B", "Proceeds From Broker and Barter Exchange Transactions",
                    year, payer, recipient, null, List.of(
                    new Box("1d", "Proceeds", proceeds),
                    new Box("1e", "Cost or other basis", basis),
                    new Box("2", "Short-term gain or (loss)", proceeds.subtract(basis)),
                    new Box("4", "Federal income tax withheld", BigDecimal.ZERO.setScale(2)))));
            if (withW2) {
                BigDecimal wages = sum(income, YearlyIncome::wages);
                Party employer = new Party("Employer", EMPLOYER, EMPLOYER_TIN, payer.address());
                Party employee = new Party("Employee", p.holderName(), p.maskedSsn(), recipient.address());
                add(documents, today, january, new TaxForm("W-2", "Wage and Tax Statement", year, employer, employee, null, List.of(
                        new Box("1", "Wages, tips, other compensation", wages),
                        new Box("2", "Federal income tax withheld", sum(income, YearlyIncome::federalWithheld)),
                        new Box("3", "Social security wages", wages),
                        new Box("4", "Social security tax withheld", percent(wages, "6.2")),
                        new Box("5", "Medicare wages and tips", wages),
                        new Box("6", "Medicare tax withheld", percent(wages, "1.45")))));
            }
        }
        return documents;
    }

    /** A form exists once its issue date has come. Its id is stable: the same form of the same year. */
    private static void add(List<DocumentData> documents, LocalDate today, LocalDate issuedOn, TaxForm form) {
        if (issuedOn.isAfter(today)) {
            return;
        }
        String type = "TAX" + form.form().replace('-', '_');
        documents.add(new DocumentData("tax-" + form.taxYear() + "-" + form.form(), type,
                String.valueOf(form.taxYear()), null, issuedOn, TaxFormPdf.render(form)));
    }

    private static BigDecimal sum(List<YearlyIncome> income, Function<YearlyIncome, BigDecimal> field) {
        return income.stream().map(field).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static BigDecimal percent(BigDecimal amount, String rate) {
        return amount.multiply(new BigDecimal(rate)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
