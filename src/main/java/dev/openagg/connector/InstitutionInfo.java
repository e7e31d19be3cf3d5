package dev.openagg.connector;

import java.util.List;

/** What OpenAgg publishes about an institution on {@code /institutions}. */
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
        boolean supportsTransactionHistory) {

    public InstitutionInfo {
        credentials = List.copyOf(credentials);
    }
}
