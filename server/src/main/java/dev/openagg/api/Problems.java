package dev.openagg.api;

import java.util.ArrayList;
import java.util.List;

/** Validation failures gathered over a whole request, so one 422 names every bad field. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public Problems add(String message) {
        messages.add(message);
        return this;
    }

    public Problems require(boolean ok, String message) {
        return ok ? this : add(message);
    }

    /**
     * Refuses a value longer than {@code max} characters (code points, as the databases count them), naming the
     * field but never quoting the value.
     */
    public Problems maxLength(String field, String value, int max) {
        return require(value == null || value.codePointCount(0, value.length()) <= max,
                field + " must be at most " + max + " characters");
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw ApiError.unprocessable(String.join("; ", messages));
        }
    }
}
