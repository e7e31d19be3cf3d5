package dev.openagg.institution;

import dev.openagg.api.Page;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import java.util.List;

/** The wire forms of an institution ({@code InstitutionResponse}) and its credential fields. */
public final class InstitutionJson {
    private InstitutionJson() {
    }

    public record Wire(String code, String forgotPasswordUrl, String forgotUsernameUrl, String instructionalText,
                String mediumLogoUrl, String name, String smallLogoUrl, Boolean supportsAccountIdentification,
                Boolean supportsAccountStatement, Boolean supportsAccountVerification, Boolean supportsOauth,
                Boolean supportsTaxDocument, Boolean supportsTransactionHistory, String troubleSigningInUrl,
                String url) {
    }

    public record One(Wire institution) {
    }

    public record Many(List<Wire> institutions, Page.Pagination pagination) {
    }

    public record Credential(Integer displayOrder, String fieldName, String fieldType, String guid, String label,
                             String type) {
    }

    public record Credentials(List<Credential> credentials, Page.Pagination pagination) {
    }

    public static One one(InstitutionInfo info) {
        return new One(wire(info));
    }

    public static Many list(List<InstitutionInfo> items, Page page, int total) {
        return new Many(items.stream().map(InstitutionJson::wire).toList(), page.pagination(total));
    }

    /** A page of credential fields; members list theirs in the same shape. */
    public static Credentials credentials(List<CredentialField> fields, Page page) {
        List<Credential> all = fields.stream()
                .map(f -> new Credential(f.displayOrder(), f.fieldName(), f.type(), f.guid(), f.label(), f.type()))
                .toList();
        return new Credentials(page.slice(all), page.pagination(all.size()));
    }

    private static Wire wire(InstitutionInfo i) {
        return new Wire(i.code(), null, null, i.instructionalText(), null, i.name(), null,
                i.supportsAccountIdentification(), i.supportsAccountStatement(), i.supportsAccountVerification(),
                false, i.supportsTaxDocument(), i.supportsTransactionHistory(), null, i.url());
    }
}
