package dev.openagg.member;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Body;
import dev.openagg.api.Page;
import dev.openagg.api.Wire;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.engine.MemberStatus;
import dev.openagg.institution.Product;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The wire forms of a member, per API version: the member ({@code MemberResponse}, exactly its fields, less
 * {@code error}, which MX removed from v20111101's current spec and which the current official clients reject) and
 * the bodies that create and change one.
 */
public final class MemberJson {
    private static final Set<ConnectionStatus> NEEDS_CREDENTIALS =
            EnumSet.of(ConnectionStatus.DENIED, ConnectionStatus.PREVENTED, ConnectionStatus.IMPAIRED);

    private MemberJson() {
    }

    public record Fields(String aggregatedAt, Boolean backgroundAggregationIsDisabled, String connectionStatus,
                         String connectionStatusMessage, String guid, String id, String institutionCode,
                         String institutionGuid, Boolean isBeingAggregated, Boolean isManagedByUser, Boolean isManual,
                         Boolean isOauth, String metadata, Integer mostRecentJobDetailCode,
                         Boolean mostRecentJobDetailText, String mostRecentJobGuid, String name,
                         Boolean needsUpdatedCredentials, String oauthWindowUri, String successfullyAggregatedAt,
                         List<String> useCases, String userGuid, String userId) {
    }

    public record One(Fields member) {
    }

    record Many(List<Fields> members, Page.Pagination pagination) {
    }

    public static One one(Member member, InstitutionInfo institution, ApiVersion version) {
        return new One(fields(member, institution, version));
    }

    /** A member with the one-time URI of its consent page, which only the reply that made it can show. */
    public static One one(Member member, InstitutionInfo institution, ApiVersion version, String oauthWindowUri) {
        return new One(fields(member, institution, version, oauthWindowUri));
    }

    static Many list(Page.Listing<Member> listing, Function<String, InstitutionInfo> institutions, ApiVersion version) {
        return new Many(listing.items().stream().map(m -> fields(m, institutions.apply(m.institutionCode()), version))
                .toList(), listing.page().pagination(listing.total()));
    }

    /**
     * The member's fields in {@code version}. v20111101's spec types {@code most_recent_job_guid} boolean, and the
     * clients that follow it strictly refuse a whole member holding a string there: that version gets null, which
     * every client of it accepts; v20250224 types it string and gets the job's guid.
     */
    public static Fields fields(Member m, InstitutionInfo institution, ApiVersion version) {
        return fields(m, institution, version, null);
    }

    /**
     * {@code is_oauth} follows the institution, whose members are all OAuth members or all credential members;
     * {@code oauth_window_uri} is stored hashed, so it is shown only where it is made.
     */
    private static Fields fields(Member m, InstitutionInfo institution, ApiVersion version, String oauthWindowUri) {
        MemberStatus s = m.status();
        String jobGuid = switch (version) {
            case V20111101 -> null;
            case V20250224 -> s.mostRecentJobGuid();
        };
        return new Fields(Wire.time(s.aggregatedAt()), m.backgroundAggregationIsDisabled(), s.connectionStatus().name(),
                StatusMessages.of(s, institution.name()), m.guid(), m.id(),
                m.institutionCode(), institution.guid(), s.isBeingAggregated(), false, false, institution.supportsOauth(),
                m.metadata(), null, null, jobGuid, institution.name(),
                !institution.supportsOauth() && NEEDS_CREDENTIALS.contains(s.connectionStatus()), oauthWindowUri,
                Wire.time(s.successfullyAggregatedAt()),
                List.of(), m.userGuid(), m.userId());
    }

    /**
     * A creation request. v20111101 skips the first job on {@code skip_aggregation}; v20250224 removed that field
     * (MX no longer reads it) and chooses the first job from the top-level {@code data_request.products}.
     */
    static Members.NewMember newMember(Body root, ApiVersion version) {
        Body member = root.object("member");
        boolean skip = version == ApiVersion.V20111101 && member.bool("skip_aggregation").orElse(false);
        List<Product> products = version == ApiVersion.V20250224 ? products(root) : List.of();
        return new Members.NewMember(member.string("institution_code").orElse(null),
                member.guidValues("credentials").orElse(null), member.string("id").orElse(null),
                member.string("metadata").orElse(null), skip, products,
                member.bool("background_aggregation_is_disabled").orElse(false),
                member.bool("is_oauth").orElse(false));
    }

    /** The consent page's options of an OAuth member's creation: top-level keys beside {@code member}, as MX has them. */
    static ConsentWindows.Options oauthOptions(Body root, String origin, boolean skipAggregation) {
        return ConsentWindows.Options.checked("", origin, root.string("referral_source").orElse(null),
                root.string("client_redirect_url").orElse(null),
                root.string("ui_message_webview_url_scheme").orElse(null), root.bool("enable_app2app").orElse(null),
                skipAggregation);
    }

    /** An update of {@code member}; {@code skip_aggregation} counts only in v20111101, as in creation. */
    static Members.Change change(Member member, Body body, ApiVersion version) {
        return new Members.Change(
                body.has("id") ? body.string("id").orElse(null) : member.id(),
                body.has("metadata") ? body.string("metadata").orElse(null) : member.metadata(),
                body.bool("background_aggregation_is_disabled").orElse(member.backgroundAggregationIsDisabled()),
                body.guidValues("credentials").orElse(List.of()),
                version == ApiVersion.V20111101 && body.bool("skip_aggregation").orElse(false));
    }

    /** {@code data_request.products}: each one of MX's SupportedProducts; unknown names are a 422. */
    private static List<Product> products(Body root) {
        if (!root.has("data_request")) {
            return List.of();
        }
        Body request = root.object("data_request");
        List<String> names = request.strings("products")
                .orElseThrow(() -> ApiError.unprocessable("data_request.products is required"));
        List<Product> products = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Product.named(name).ifPresentOrElse(products::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw ApiError.unprocessable("data_request.products has unknown products " + unknown + "; MX's products are "
                    + java.util.Arrays.stream(Product.values()).map(Product::wireName).toList());
        }
        return products;
    }
}
