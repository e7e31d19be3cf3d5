package dev.openagg.connector;

import java.util.Optional;

/** The aggregation-type jobs of the MX Platform API, each started by its own member endpoint. */
public enum JobKind {
    AGGREGATE("aggregate"),
    BALANCE("check_balance"),
    HISTORY("extend_history"),
    IDENTITY("identify"),
    VERIFICATION("verify"),
    STATEMENTS("fetch_statements"),
    TAX_DOCUMENTS("fetch_tax_documents");

    private final String path;

    JobKind(String path) {
        this.path = path;
    }

    /** The last segment of the endpoint that starts this kind of job. */
    public String path() {
        return path;
    }

    /** The kind whose endpoint ends in {@code path} ({@code "aggregate"}, {@code "verify"}, ...), if any. */
    public static Optional<JobKind> ofPath(String path) {
        for (JobKind kind : values()) {
            if (kind.path.equals(path)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
