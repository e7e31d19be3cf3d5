package dev.openagg.support;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where OpenAgg's replies knowingly depart from MX's spec files, each with its reason. {@code SpecAllowancesTest}
 * fails when an entry no longer applies to the spec or no reply needs it, so the list cannot go stale.
 */
public final class SpecAllowances {
    /**
     * What a departure is: a declared field left out, a null where the spec allows none, another reply body, a
     * success status the operation does not declare.
     */
    public enum Kind { MISSING, NULL, BODY, STATUS }

    /**
     * One allowed departure. {@code target} is {@code Schema.property} for MISSING and NULL, and for BODY the path
     * template whose declared body {@code declared} is answered with {@code sent}; for STATUS the path template
     * answered with the status {@code sent}.
     */
    public record Allowance(String version, Kind kind, String target, String declared, String sent, String reason) {
    }

    private static final String OLDER_CLIENTS = "added by the later revision of v20111101 (2025-11-06); OpenAgg keeps"
            + " the revision mx-platform-node 1.8.2 was generated from, and the conformance suite holds 1.8.2 to"
            + " exactly its declared fields (docs/compatibility.md)";
    private static final String ONE_TRANSACTION = "the spec declares the list body (transactions and pagination) for"
            + " reading one transaction; OpenAgg answers {\"transaction\": {...}}, as the revision behind"
            + " mx-platform-node 1.8.2 declares and as reading one record does everywhere else";

    private static final String CHALLENGE_PARTS = "MX's replies (its MFA guide's examples) carry image_data, options and"
            + " image_options only on the challenge type they belong to; the spec lists them without requiring them";

    private static final String NO_CHALLENGES = "MX documents 204 No Content for listing the challenges of a member"
            + " that has none; the spec declares only 200";

    public static final List<Allowance> ALL = List.of(
            status("v20111101", "/users/{user_guid}/members/{member_guid}/challenges", 204, NO_CHALLENGES),
            status("v20250224", "/users/{user_identifier}/members/{member_identifier}/challenges", 204, NO_CHALLENGES),
            missing("v20111101", "ChallengeResponse.image_data", CHALLENGE_PARTS),
            missing("v20111101", "ChallengeResponse.options", CHALLENGE_PARTS),
            missing("v20111101", "ChallengeResponse.image_options", CHALLENGE_PARTS),
            missing("v20250224", "ChallengeResponse.image_data", CHALLENGE_PARTS),
            missing("v20250224", "ChallengeResponse.options", CHALLENGE_PARTS),
            missing("v20250224", "ChallengeResponse.image_options", CHALLENGE_PARTS),
            missing("v20111101", "InstitutionResponse.instructional_text_steps", OLDER_CLIENTS),
            missing("v20111101", "InstitutionResponse.is_disabled_by_client", OLDER_CLIENTS),
            missing("v20111101", "InstitutionResponse.iso_country_code", OLDER_CLIENTS),
            missing("v20111101", "TransactionResponse.is_manual", OLDER_CLIENTS),
            missing("v20111101", "TransactionIncludesResponse.is_manual", OLDER_CLIENTS),
            missing("v20111101", "TransactionIncludesResponse.classification", OLDER_CLIENTS),
            missing("v20111101", "TransactionIncludesResponse.geolocation", OLDER_CLIENTS),
            missing("v20111101", "TransactionIncludesResponse.merchant", OLDER_CLIENTS),
            missing("v20111101", "TransactionIncludesResponse.repeating_transaction", OLDER_CLIENTS),
            body("v20111101", "/users/{user_guid}/transactions/{transaction_guid}", "TransactionsResponseBodyIncludes",
                    "TransactionResponseBody", ONE_TRANSACTION),
            body("v20250224", "/users/{user_guid}/transactions/{transaction_guid}", "TransactionsResponseBodyIncludes",
                    "TransactionResponseBody", ONE_TRANSACTION),
            nullable("v20250224", "UserResponse.email", "a user created without an email has none; the"
                    + " v20250224 file stopped marking it nullable, v20111101's marks it so"),
            nullable("v20250224", "InstitutionResponse.created_at", "connectors do not say when their institution was"
                    + " added; OpenAgg will not invent a date"),
            nullable("v20250224", "InstitutionResponse.iso_country_code", "connectors do not declare a country, and"
                    + " the spec's enum has only US and CA"));

    static final SpecAllowances INSTANCE = new SpecAllowances(null);

    private final Set<Allowance> used;

    private SpecAllowances(Set<Allowance> used) {
        this.used = used;
    }

    /** Allowances that remember which entries a check relied on. */
    public static SpecAllowances recording() {
        return new SpecAllowances(ConcurrentHashMap.newKeySet());
    }

    public Set<Allowance> used() {
        return Set.copyOf(used);
    }

    boolean missingAllowed(String version, String field) {
        return find(version, Kind.MISSING, field).isPresent();
    }

    boolean nullAllowed(String version, String field) {
        return field != null && find(version, Kind.NULL, field).isPresent();
    }

    /** The body OpenAgg answers instead of {@code declared} on this operation, if allowed. */
    Optional<String> replacedBody(String version, String template, String declared) {
        return find(version, Kind.BODY, template).filter(a -> a.declared().equals(declared)).map(Allowance::sent);
    }

    boolean statusAllowed(String version, String template, int status) {
        return find(version, Kind.STATUS, template).filter(a -> a.sent().equals(String.valueOf(status))).isPresent();
    }

    private Optional<Allowance> find(String version, Kind kind, String target) {
        Optional<Allowance> found = ALL.stream()
                .filter(a -> a.version().equals(version) && a.kind() == kind && a.target().equals(target)).findFirst();
        if (used != null) {
            found.ifPresent(used::add);
        }
        return found;
    }

    private static Allowance status(String version, String template, int status, String reason) {
        return new Allowance(version, Kind.STATUS, template, null, String.valueOf(status), reason);
    }

    private static Allowance missing(String version, String field, String reason) {
        return new Allowance(version, Kind.MISSING, field, null, null, reason);
    }

    private static Allowance nullable(String version, String field, String reason) {
        return new Allowance(version, Kind.NULL, field, null, null, reason);
    }

    private static Allowance body(String version, String template, String declared, String sent, String reason) {
        return new Allowance(version, Kind.BODY, template, declared, sent, reason);
    }
}
