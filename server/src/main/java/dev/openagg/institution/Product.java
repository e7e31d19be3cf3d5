package dev.openagg.institution;

import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * MX's {@code SupportedProducts} of v20250224: what an institution offers ({@code supported_products}) and what a
 * new member asks for ({@code data_request.products}), each with the job that brings it back.
 */
public enum Product {
    ACCOUNT_VERIFICATION("account_verification", JobKind.VERIFICATION),
    IDENTITY_VERIFICATION("identity_verification", JobKind.IDENTITY),
    TRANSACTIONS("transactions", JobKind.AGGREGATE),
    TRANSACTION_HISTORY("transaction_history", JobKind.HISTORY),
    STATEMENTS("statements", JobKind.STATEMENTS),
    // Aggregation brings back the holdings of investment accounts.
    INVESTMENTS("investments", JobKind.AGGREGATE),
    // OpenAgg has no rewards job: no institution offers this product.
    REWARDS("rewards", null);

    private final String wireName;
    private final JobKind job;

    Product(String wireName, JobKind job) {
        this.wireName = wireName;
        this.job = job;
    }

    public String wireName() {
        return wireName;
    }

    /** The job that brings this product back, if OpenAgg has one. */
    public Optional<JobKind> job() {
        return Optional.ofNullable(job);
    }

    public boolean offeredBy(InstitutionInfo institution) {
        return job != null && institution.supports(job);
    }

    /**
     * The one job that runs after connecting for these products: the most specific one asked for (verification,
     * identity, history, statements, in that order), aggregation when none of them is.
     */
    public static JobKind firstJob(List<Product> products) {
        for (JobKind kind : List.of(JobKind.VERIFICATION, JobKind.IDENTITY, JobKind.HISTORY, JobKind.STATEMENTS)) {
            if (products.stream().anyMatch(p -> p.job == kind)) {
                return kind;
            }
        }
        return JobKind.AGGREGATE;
    }

    public static Optional<Product> named(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }

    /** The products the institution offers, in MX's order. */
    public static List<String> namesOfferedBy(InstitutionInfo institution) {
        return Arrays.stream(values()).filter(p -> p.offeredBy(institution)).map(Product::wireName).toList();
    }
}
