package dev.openagg.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON object of a scenario being read: typed reads of its fields that record every problem with the field's
 * JSON path ({@code $.institution.logins[0].outcome}), so that one pass reports every mistake.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    private Fields(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The object at {@code path}, checked to be an object with no fields but {@code allowed}; empty if not one. */
    static Optional<Fields> object(JsonNode node, String path, Set<String> allowed, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(path + ": is required");
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object");
            return Optional.empty();
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(path + "." + name + ": unknown field (expected one of " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
        return Optional.of(new Fields(node, path, problems));
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(path(field) + ": " + message);
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    Optional<String> text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(field, "must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    Optional<Integer> integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(value.asInt());
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return false;
        }
        return value.booleanValue();
    }

    /** An amount of money, kept to two decimals. */
    Optional<BigDecimal> money(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return Optional.empty();
        }
        if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 2) {
            problem(field, "must be a number with at most two decimals");
            return Optional.empty();
        }
        return Optional.of(value.decimalValue().setScale(2));
    }

    /** A number of any precision (shares, rates). */
    Optional<BigDecimal> number(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            problem(field, "must be a number");
            return Optional.empty();
        }
        return Optional.of(value.decimalValue());
    }

    Optional<LocalDate> date(String field, boolean required) {
        return text(field, required).flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                problem(field, "\"" + text + "\" is not a date like 2026-11-02");
                return Optional.empty();
            }
        });
    }

    /** One of {@code allowed} (case as written), named in the problem when it is not. */
    Optional<String> oneOf(String field, List<String> allowed, boolean required) {
        return text(field, required).flatMap(text -> {
            if (!allowed.contains(text)) {
                problem(field, text + " is not one of " + String.join(", ", allowed));
                return Optional.empty();
            }
            return Optional.of(text);
        });
    }

    /** The elements of a list field, each read by {@code element} with its own path; empty when absent. */
    <T> List<T> list(String field, boolean required, Function<Element, Optional<T>> element) {
        JsonNode value = node.get(field);
        List<T> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return out;
        }
        if (!value.isArray()) {
            problem(field, "must be a list");
            return out;
        }
        if (required && value.isEmpty()) {
            problem(field, "must not be empty");
        }
        for (int i = 0; i < value.size(); i++) {
            element.apply(new Element(value.get(i), path(field) + "[" + i + "]", i)).ifPresent(out::add);
        }
        return out;
    }

    /** A list element (or any nested value) with its path. */
    record Element(JsonNode node, String path, int index) {
    }
}
