package dev.openagg.scenario;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the data a scenario gives literally: accounts with what belongs to them, and tax documents. */
final class LiteralData {
    private LiteralData() {
    }

    /** An account; {@code ids} holds the account ids seen so far in the same data, to refuse a repeated one. */
    static Optional<ScenarioData.Account> account(Fields f, int index, Set<String> ids, List<String> problems) {
        String id = f.text("id", false).orElse("act-" + (index + 1));
        if (!ids.add(id)) {
            f.problem("id", "\"" + id + "\" is the id of another account too");
        }
        String name = f.text("name", true).orElse(null);
        String type = f.oneOf("type", ScenarioReader.ACCOUNT_TYPES, true).orElse(null);
        BigDecimal balance = f.money("balance", true).orElse(null);
        Set<String> transactionIds = new HashSet<>();
        List<ScenarioData.Transaction> transactions = f.list("transactions", false, e -> Fields.object(e.node(),
                e.path(), ScenarioReader.FIELDS.get("transaction"), problems)
                .flatMap(t -> transaction(t, id + "-txn-" + (e.index() + 1), transactionIds)));
        List<ScenarioData.Holding> holdings = f.list("holdings", false, e -> Fields.object(e.node(), e.path(),
                ScenarioReader.FIELDS.get("holding"), problems).flatMap(h -> holding(h, id + "-hld-" + (e.index() + 1))));
        List<ScenarioData.Owner> owners = f.list("owners", false, e -> Fields.object(e.node(), e.path(),
                ScenarioReader.FIELDS.get("owner"), problems).flatMap(LiteralData::owner));
        List<java.time.YearMonth> statements = f.list("statements", false, e -> ScenarioReader.month(e, problems));
        String accountNumber = f.text("account_number", false).orElse(null);
        if (!statements.isEmpty() && accountNumber == null) {
            f.problem("account_number", "is required for statements, which show its last four digits");
        }
        if (name == null || type == null || balance == null) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioData.Account(id, name, type, f.text("subtype", false).orElse(null), balance,
                f.money("available_balance", false).orElse(null), f.money("credit_limit", false).orElse(null),
                f.number("interest_rate").orElse(null), accountNumber, f.text("routing_number", false).orElse(null),
                f.text("currency_code", false).orElse("USD"), f.date("opened_on", false).orElse(null), transactions,
                holdings, owners, statements));
    }

    private static Optional<ScenarioData.Transaction> transaction(Fields f, String defaultId, Set<String> ids) {
        String id = f.text("id", false).orElse(defaultId);
        if (!ids.add(id)) {
            f.problem("id", "\"" + id + "\" is the id of another transaction of this account too");
        }
        LocalDate date = f.date("date", true).orElse(null);
        BigDecimal amount = f.money("amount", true).orElse(null);
        if (amount != null && amount.signum() == 0) {
            f.problem("amount", "must not be zero: negative is money out, positive money in");
        }
        String description = f.text("description", true).orElse(null);
        boolean pending = "PENDING".equals(f.oneOf("status", List.of("POSTED", "PENDING"), false).orElse("POSTED"));
        LocalDate posted = f.date("posted_date", false).orElse(date);
        if (pending && f.has("posted_date")) {
            f.problem("posted_date", "a PENDING transaction has not posted yet");
        }
        if (date == null || amount == null || description == null) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioData.Transaction(id, date, posted, pending, amount, description,
                f.text("category", false).orElse(null)));
    }

    private static Optional<ScenarioData.Holding> holding(Fields f, String defaultId) {
        String symbol = f.text("symbol", true).orElse(null);
        BigDecimal shares = f.number("shares").orElse(null);
        BigDecimal value = f.money("market_value", true).orElse(null);
        if (!f.has("shares")) {
            f.problem("shares", "is required");
        }
        if (symbol == null || shares == null || value == null) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioData.Holding(f.text("id", false).orElse(defaultId), symbol,
                f.text("description", false).orElse(symbol), f.text("holding_type", false).orElse("EQUITY"),
                f.text("cusip", false).orElse(null), shares, f.money("purchase_price", false).orElse(null),
                f.money("cost_basis", false).orElse(null), value));
    }

    private static Optional<ScenarioData.Owner> owner(Fields f) {
        return f.text("name", true).map(name -> new ScenarioData.Owner(name, f.text("first_name", false).orElse(null),
                f.text("last_name", false).orElse(null), f.text("address", false).orElse(null),
                f.text("city", false).orElse(null), f.text("state", false).orElse(null),
                f.text("postal_code", false).orElse(null), f.text("country", false).orElse(null),
                f.text("email", false).orElse(null), f.text("phone", false).orElse(null)));
    }

    static Optional<ScenarioData.TaxDocument> taxDocument(Fields f, List<String> problems) {
        String form = f.text("form", true).orElse(null);
        Integer year = f.integer("tax_year", 1900, 2999).orElse(null);
        if (!f.has("tax_year")) {
            f.problem("tax_year", "is required");
        }
        List<ScenarioData.Box> boxes = f.list("boxes", true, e -> Fields.object(e.node(), e.path(),
                ScenarioReader.FIELDS.get("box"), problems).flatMap(LiteralData::box));
        if (form == null || year == null) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioData.TaxDocument(form, f.text("title", false).orElse(form), year,
                f.text("recipient", false).orElse("Account holder"), boxes));
    }

    private static Optional<ScenarioData.Box> box(Fields f) {
        Optional<String> number = f.text("box", true);
        Optional<BigDecimal> amount = f.money("amount", true);
        return number.flatMap(n -> amount.map(a -> new ScenarioData.Box(n, f.text("label", false).orElse("Box " + n),
                a)));
    }
}
