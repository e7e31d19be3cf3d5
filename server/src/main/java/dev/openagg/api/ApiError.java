package dev.openagg.api;

import java.time.Duration;

/**
 * A failure the client caused or must hear about, rendered as MX's error body {@code {"error": {"message"}}}.
 * Domain code throws these; the one exception handler in {@link Http} renders them.
 */
public class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, message);
    }

    public static ApiError unprocessable(String message) {
        return new ApiError(422, message);
    }

    /** 429: the client must wait before trying again; rendered with a {@code Retry-After} header. */
    public static final class RetryLater extends ApiError {
        private final Duration wait;

        public RetryLater(Duration wait, String message) {
            super(429, message);
            this.wait = wait;
        }

        /** Whole seconds, rounded up, as {@code Retry-After} carries them. */
        public static long seconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return seconds(wait);
        }
    }
}
