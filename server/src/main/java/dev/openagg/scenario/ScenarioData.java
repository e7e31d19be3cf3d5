package dev.openagg.scenario;

import dev.openagg.mxbank.data.MxBankHarvest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The data a scenario's job brings back: given literally, or drawn from MX Bank's generator ({@code generated} set,
 * the lists empty). {@link ScenarioHarvest} turns it into what each kind of job returns.
 */
public record ScenarioData(List<Account> accounts, List<TaxDocument> taxDocuments, MxBankHarvest.Settings generated) {

    /** MX Bank's generated data: what a scenario that gives none brings back. */
    public static final ScenarioData GENERATED = new ScenarioData(List.of(), List.of(), MxBankHarvest.Settings.MX_BANK);

    /** An account and what belongs to it. {@code id} is its stable source id. */
    public record Account(String id, String name, String type, String subtype, BigDecimal balance,
                          BigDecimal availableBalance, BigDecimal creditLimit, BigDecimal interestRate,
                          String accountNumber, String routingNumber, String currencyCode, LocalDate openedOn,
                          List<Transaction> transactions, List<Holding> holdings, List<Owner> owners,
                          List<YearMonth> statements) {
    }

    /** A transaction; a negative amount is money out (DEBIT), a positive one money in (CREDIT). */
    public record Transaction(String id, LocalDate date, LocalDate postedDate, boolean pending, BigDecimal amount,
                              String description, String category) {
    }

    public record Holding(String id, String symbol, String description, String holdingType, String cusip,
                          BigDecimal shares, BigDecimal purchasePrice, BigDecimal costBasis, BigDecimal marketValue) {
    }

    public record Owner(String name, String firstName, String lastName, String address, String city, String state,
                        String postalCode, String country, String email, String phone) {
    }

    /** A tax form: its boxes are printed as given. */
    public record TaxDocument(String form, String title, int taxYear, String recipient, List<Box> boxes) {
    }

    public record Box(String box, String label, BigDecimal amount) {
    }
}
