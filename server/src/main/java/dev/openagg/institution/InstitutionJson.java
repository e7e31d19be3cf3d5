package dev.openagg.institution;

import dev.openagg.api.ApiVersion;
import dev.openagg.api.Page;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import java.util.List;

/**
 * The wire forms of an institution ({@code InstitutionResponse}, per API version) and its credential fields (the
 * same in both versions).
 */
public final class InstitutionJson {
    private InstitutionJson() {
    }

    /**
     * v20111101's InstitutionResponse as mx-platform-node 1.8.2 declares it: without {@code instructional_text_steps},
     * {@code is_disabled_by_client} and {@code iso_country_code}, which the later revision of that version added and
     * which the older clients reject.
     */
    public record Wire(String code, String forgotPasswordUrl, String forgotUsernameUrl, String instructionalText,
                String mediumLogoUrl, String name, String smallLogoUrl, Boolean supportsAccountIdentification,
                Boolean supportsAccountStatement, Boolean supportsAccountVerification, Boolean supportsOauth,
                Boolean supportsTaxDocument, Boolean supportsTransactionHistory, String troubleSigningInUrl,
                String url) {
    }

    /**
     * v20250224's InstitutionResponse: {@code supported_products} instead of four {@code supports_*} flags.
     * Connectors declare no country and no date of addition, so {@code iso_country_code} and {@code created_at}
     * are null.
     */
    public record Current(String code, String createdAt, String forgotPasswordUrl, String forgotUsernameUrl,
                          String guid, String instructionalText, List<String> instructionalTextSteps,
                          Boolean isDisabledByClient, Boolean isHidden, String isoCountryCode, String mediumLogoUrl,
                          String name, String smallLogoUrl, List<String> supportedProducts, Boolean supportsOauth,
                          Boolean supportsTaxDocument, String troubleSigningInUrl, String url) {
    }

    public record One(Object institution) {
    }

    public record Many(List<Object> institutions, Page.Pagination pagination) {
    }

    public record Credential(Integer displayOrder, String fieldName, String fieldType, String guid, String label,
                             String type) {
    }

    public record Credentials(List<Credential> credentials, Page.Pagination pagination) {
    }

    public static One one(InstitutionInfo info, ApiVersion version) {
        return new One(wire(info, version));
    }

    public static Many list(List<InstitutionInfo> items, Page page, int total, ApiVersion version) {
        return new Many(items.stream().map(i -> wire(i, version)).toList(), page.pagination(total));
    }

    /** A page of credential fields; members list theirs in the same shape. */
    public static Credentials credentials(List<CredentialField> fields, Page page) {
        List<Credential> all = fields.stream()
                .map(f -> new Credential(f.displayOrder(), f.fieldName(), f.type(), f.guid(), f.label(), f.type()))
                .toList();
        return new Credentials(page.slice(all), page.pagination(all.size()));
    }

    private static Object wire(InstitutionInfo i, ApiVersion version) {
        return switch (version) {
            case V20111101 -> new Wire(i.code(), null, null, i.instructionalText(), null, i.name(), null,
                    i.supportsAccountIdentification(), i.supportsAccountStatement(), i.supportsAccountVerification(),
                    i.supportsOauth(), i.supportsTaxDocument(), i.supportsTransactionHistory(), null, i.url());
            case V20250224 -> new Current(i.code(), null, null, null, i.guid(), i.instructionalText(), null, false,
                    false, null, null, i.name(), null, Product.namesOfferedBy(i), i.supportsOauth(), i.supportsTaxDocument(), null,
                    i.url());
        };
    }
}
