package dev.openagg.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

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

    /** MX's {@code institution_guid}: derived from the code, so it is the same on every server. */
    public String guid() {
        return "INS-" + UUID.nameUUIDFromBytes(("institution:" + code).getBytes(StandardCharsets.UTF_8));
    }
}
