package dev.openagg.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * What OpenAgg publishes about an institution on {@code /institutions}, and what its connector can do.
 *
 * @param code        the institution's code, unique on the server: lower-case letters, digits and underscores
 * @param credentials the fields of its login form, in display order
 * @param supportsAccountIdentification  whether {@code identify} jobs are offered
 * @param supportsAccountStatement       whether {@code fetch_statements} jobs are offered
 * @param supportsAccountVerification    whether {@code verify} jobs are offered
 * @param supportsTaxDocument            whether {@code fetch_tax_documents} jobs are offered
 * @param supportsTransactionHistory     whether {@code extend_history} jobs are offered
 * @param supportsOauth                  whether members connect through the institution's own consent page (OAuth)
 *                                       instead of credentials; such an institution has no credential fields, its
 *                                       members are created without credentials, and its jobs are never asked MFA
 */
public record InstitutionInfo(
        String code,
        String name,
        String url,
        String instructionalText,
        List<CredentialField> credentials,
        boolean supportsAccountIdentification,
        boolean supportsAccountStatement,
        boolean supportsAccountVerification,
        boolean supportsTaxDocument,
        boolean supportsTransactionHistory,
        boolean supportsOauth) {

    public InstitutionInfo {
        credentials = List.copyOf(credentials);
    }

    /** A credential institution (no OAuth), as every institution was before OAuth institutions existed. */
    public InstitutionInfo(String code, String name, String url, String instructionalText,
                           List<CredentialField> credentials, boolean supportsAccountIdentification,
                           boolean supportsAccountStatement, boolean supportsAccountVerification,
                           boolean supportsTaxDocument, boolean supportsTransactionHistory) {
        this(code, name, url, instructionalText, credentials, supportsAccountIdentification, supportsAccountStatement,
                supportsAccountVerification, supportsTaxDocument, supportsTransactionHistory, false);
    }

    /**
     * Whether the institution offers this kind of job. {@code aggregate} and {@code check_balance} are always
     * offered; the other kinds follow the {@code supports...} flags. The engine refuses a job the institution does
     * not offer, so a connector is never asked to run one.
     */
    public boolean supports(JobKind kind) {
        return switch (kind) {
            case AGGREGATE, BALANCE -> true;
            case HISTORY -> supportsTransactionHistory;
            case IDENTITY -> supportsAccountIdentification;
            case VERIFICATION -> supportsAccountVerification;
            case STATEMENTS -> supportsAccountStatement;
            case TAX_DOCUMENTS -> supportsTaxDocument;
        };
    }

    /** MX's {@code institution_guid}: derived from the code, so it is the same on every server. */
    public String guid() {
        return "INS-" + UUID.nameUUIDFromBytes(("institution:" + code).getBytes(StandardCharsets.UTF_8));
    }
}
