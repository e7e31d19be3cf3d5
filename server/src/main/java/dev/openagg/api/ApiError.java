package dev.openagg.api;

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
}
