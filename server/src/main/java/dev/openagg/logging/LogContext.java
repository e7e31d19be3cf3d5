package dev.openagg.logging;

/**
 * The keys this server sets in the logging context (SLF4J's MDC), in one place for the code that sets them and the
 * JSON log lines that write them under the same names.
 */
public final class LogContext {
    /** The request's {@code X-Request-Id}. */
    public static final String REQUEST_ID = "request_id";
    /** The API client the request authenticated as. */
    public static final String CLIENT = "client";
    /** The member a request or a job step is about. */
    public static final String MEMBER = "member";

    private LogContext() {
    }
}
