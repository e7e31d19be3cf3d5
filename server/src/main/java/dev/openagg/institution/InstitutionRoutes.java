package dev.openagg.institution;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Http;
import dev.openagg.api.Page;
import dev.openagg.connector.InstitutionInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** {@code /institutions}: the institutions OpenAgg's connectors serve. */
public final class InstitutionRoutes implements Http.Routes {
    private final Institutions institutions;

    public InstitutionRoutes(Institutions institutions) {
        this.institutions = institutions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/institutions", this::list);
        routes.get("/institutions/{institution_code}", ctx -> Http.json(ctx, 200, InstitutionJson.one(find(ctx), ApiVersion.of(ctx))));
        routes.get("/institutions/{institution_code}/credentials", ctx -> {
            Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
            Http.json(ctx, 200, InstitutionJson.credentials(find(ctx).credentials(), page));
        });
    }

    private InstitutionInfo find(Context ctx) {
        return institutions.findFor(Http.client(ctx), ctx.pathParam("institution_code")).orElseThrow(() -> ApiError.notFound("institution"));
    }

    private void list(Context ctx) {
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Predicate<InstitutionInfo> filter = flag(ctx, "supports_account_identification", InstitutionInfo::supportsAccountIdentification)
                .and(flag(ctx, "supports_account_statement", InstitutionInfo::supportsAccountStatement))
                .and(flag(ctx, "supports_account_verification", InstitutionInfo::supportsAccountVerification))
                .and(flag(ctx, "supports_tax_document", InstitutionInfo::supportsTaxDocument))
                .and(flag(ctx, "supports_transaction_history", InstitutionInfo::supportsTransactionHistory))
                .and(flag(ctx, "supports_oauth", InstitutionInfo::supportsOauth))
                .and(products(ctx));
        List<InstitutionInfo> matching = institutions.namedFor(Http.client(ctx), ctx.queryParam("name")).stream().filter(filter).toList();
        Http.json(ctx, 200, InstitutionJson.list(page.slice(matching), page, matching.size(), ApiVersion.of(ctx)));
    }

    /**
     * v20250224's {@code supported_products} filter: institutions offering every product named. MX's spec lists
     * {@code history} in this parameter where the schema says {@code transaction_history}; both are taken.
     */
    private static Predicate<InstitutionInfo> products(Context ctx) {
        Predicate<InstitutionInfo> all = i -> true;
        for (String name : ctx.queryParams("supported_products")) {
            Product product = Product.named("history".equals(name) ? Product.TRANSACTION_HISTORY.wireName() : name)
                    .orElseThrow(() -> ApiError.badRequest("supported_products has an unknown product " + name));
            all = all.and(product::offeredBy);
        }
        return all;
    }

    private static Predicate<InstitutionInfo> flag(Context ctx, String param, Predicate<InstitutionInfo> supports) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            return i -> true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> supports;
            case "false" -> supports.negate();
            default -> throw ApiError.badRequest(param + " must be true or false");
        };
    }
}
