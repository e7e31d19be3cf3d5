package dev.openagg.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.api.ApiError;
import dev.openagg.api.Lengths;
import dev.openagg.api.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /sandbox/users/{u}/accounts/{a}/transactions}: {@code {"transactions": [{"amount",
 * "date", "description", "status", "type"}]}}. Amounts are positive, in MX's way, with {@code type} DEBIT (the
 * default) or CREDIT for the direction; a date is no later than today.
 */
final class TransactionsBody {
    private static final int MOST = 100;
    private static final BigDecimal LARGEST = new BigDecimal("9999999999.99");
    private static final Set<String> STATUSES = Set.of("PENDING", "POSTED");
    private static final Set<String> TYPES = Set.of("DEBIT", "CREDIT");

    private TransactionsBody() {
    }

    /** The transactions, each checked; a 422 names every problem. */
    static List<AddedTransactions.NewTransaction> parse(JsonNode body, LocalDate today) {
        JsonNode list = body == null ? null : body.get("transactions");
        if (list == null || !list.isArray()) {
            throw ApiError.badRequest("request body must be a JSON object with a \"transactions\" array");
        }
        Problems problems = new Problems();
        problems.require(!list.isEmpty() && list.size() <= MOST,
                "transactions must hold from 1 to " + MOST + " transactions");
        List<AddedTransactions.NewTransaction> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "transactions[" + i + "]";
            JsonNode t = list.get(i);
            if (!t.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            BigDecimal amount = t.path("amount").isNumber() ? t.get("amount").decimalValue() : null;
            boolean amountOk = amount != null && amount.signum() > 0 && amount.compareTo(LARGEST) <= 0
                    && amount.stripTrailingZeros().scale() <= 2;
            problems.require(amountOk,
                    at + ".amount must be a positive number of at most " + LARGEST + " with at most two decimals");
            LocalDate date = date(t.path("date"));
            boolean dateOk = date != null && !date.isAfter(today);
            problems.require(dateOk, at + ".date must be a date (YYYY-MM-DD) no later than today, " + today);
            String description = t.path("description").isTextual() ? t.get("description").textValue() : null;
            boolean descriptionOk = description != null && !description.isBlank() && description.codePointCount(0, description.length()) <= Lengths.ID;
            problems.require(descriptionOk,
                    at + ".description must be a non-empty string of at most " + Lengths.ID + " characters");
            String status = text(t, "status", "");
            problems.require(STATUSES.contains(status), at + ".status must be PENDING or POSTED");
            String type = text(t, "type", "DEBIT");
            problems.require(TYPES.contains(type), at + ".type must be DEBIT or CREDIT");
            if (amountOk && dateOk && descriptionOk && STATUSES.contains(status) && TYPES.contains(type)) {
                parsed.add(new AddedTransactions.NewTransaction(amount.setScale(2, RoundingMode.UNNECESSARY), date,
                        description, status, type));
            }
        }
        problems.throwIfAny();
        return parsed;
    }

    private static String text(JsonNode t, String field, String otherwise) {
        JsonNode node = t.path(field);
        return node.isMissingNode() || node.isNull() ? otherwise : node.isTextual() ? node.textValue() : "";
    }

    private static LocalDate date(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An added transaction as the reply shows it; {@code id} is the stored transaction's {@code id} once reported. */
    static Map<String, Object> wire(AddedTransactions.Added a) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("account_guid", a.accountGuid());
        wire.put("amount", a.amount());
        wire.put("date", a.date().toString());
        wire.put("description", a.description());
        wire.put("id", a.sourceId());
        wire.put("status", a.status());
        wire.put("type", a.type());
        return wire;
    }
}
