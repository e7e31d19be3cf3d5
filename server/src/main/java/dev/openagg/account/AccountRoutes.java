package dev.openagg.account;

import dev.openagg.api.ApiError;
import dev.openagg.api.ApiVersion;
import dev.openagg.api.Http;
import dev.openagg.api.Identifier;
import dev.openagg.api.Page;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import dev.openagg.user.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Read endpoints for what aggregation brought back: accounts, transactions, holdings, owners, account numbers. */
public final class AccountRoutes implements Http.Routes {
    static final String ACCOUNTS = """
            SELECT x.*, m.id AS member_id, m.institution_code, u.id AS user_id
            FROM account x JOIN member m ON m.guid = x.member_guid JOIN app_user u ON u.guid = x.user_guid""";
    private static final String TRANSACTIONS = """
            SELECT x.*, a.source_id AS account_source_id, u.id AS user_id
            FROM account_transaction x JOIN account a ON a.guid = x.account_guid JOIN app_user u ON u.guid = x.user_guid""";

    private final Jdbi jdbi;
    private final UserStore users;
    private final MemberStore members;

    public AccountRoutes(Jdbi jdbi, UserStore users, MemberStore members) {
        this.jdbi = jdbi;
        this.users = users;
        this.members = members;
    }

    /**
     * Path parameters are named as in MX's v20250224 spec: {@code _identifier} where that version also takes the
     * client's own {@code id}, {@code _guid} where it keeps the guid alone (see {@link Identifier}).
     */
    @Override
    public void register(RoutesConfig routes) {
        String user = "/users/{user_identifier}";
        String userGuid = "/users/{user_guid}";
        String member = user + "/members/{member_identifier}";
        String memberGuid = userGuid + "/members/{member_guid}";
        routes.get(user + "/accounts", ctx -> list(ctx, "accounts", accounts(ctx), DataJson.ACCOUNTS));
        routes.get(member + "/accounts", ctx -> list(ctx, "accounts", ofMember(ctx, accounts(ctx)), DataJson.ACCOUNTS));
        routes.get(userGuid + "/accounts/{account_guid}", ctx -> one(ctx, "account", ofAccount(ctx, accounts(ctx), "x.guid"), DataJson.ACCOUNTS));
        routes.get(member + "/accounts/{account_identifier}", ctx -> one(ctx, "account",
                ofAccount(ctx, ofMember(ctx, accounts(ctx)), "x.guid"), DataJson.ACCOUNTS));

        routes.get(user + "/transactions", ctx -> list(ctx, "transactions", dated(ctx, transactions(ctx)), DataJson.LISTED_TRANSACTIONS));
        routes.get(member + "/transactions", ctx -> list(ctx, "transactions", dated(ctx, ofMember(ctx, transactions(ctx))), DataJson.LISTED_TRANSACTIONS));
        routes.get(userGuid + "/accounts/{account_guid}/transactions", ctx -> list(ctx, "transactions",
                dated(ctx, ofAccount(ctx, transactions(ctx), "x.account_guid")), DataJson.LISTED_TRANSACTIONS));
        routes.get(userGuid + "/transactions/{transaction_guid}", ctx -> one(ctx, "transaction",
                transactions(ctx).and("x.guid = :guid", "guid", ctx.pathParam("transaction_guid")), DataJson.TRANSACTIONS));

        // Not in MX's current spec files (of either version): served alike in both, guid only.
        routes.get(userGuid + "/holdings", ctx -> list(ctx, "holdings", holdings(ctx), DataJson.HOLDINGS));
        routes.get(memberGuid + "/holdings", ctx -> list(ctx, "holdings", ofMember(ctx, holdings(ctx)), DataJson.HOLDINGS));
        routes.get(userGuid + "/accounts/{account_guid}/holdings", ctx -> list(ctx, "holdings",
                ofAccount(ctx, holdings(ctx), "x.account_guid"), DataJson.HOLDINGS));
        routes.get(userGuid + "/holdings/{holding_guid}", ctx -> one(ctx, "holding",
                holdings(ctx).and("x.guid = :guid", "guid", ctx.pathParam("holding_guid")), DataJson.HOLDINGS));

        // The same positions in the newer schema and paths that current official clients use.
        routes.get(userGuid + "/investment_holdings", ctx -> list(ctx, "investment_holdings", holdings(ctx), DataJson.INVESTMENT_HOLDINGS));
        routes.get(memberGuid + "/investment_holdings", ctx -> list(ctx, "investment_holdings", ofMember(ctx, holdings(ctx)),
                DataJson.INVESTMENT_HOLDINGS));
        routes.get(userGuid + "/accounts/{account_guid}/investment_holdings", ctx -> list(ctx, "investment_holdings",
                ofAccount(ctx, holdings(ctx), "x.account_guid"), DataJson.INVESTMENT_HOLDINGS));
        routes.get(userGuid + "/investment_holdings/{holding_guid}", ctx -> one(ctx, "investment_holding",
                holdings(ctx).and("x.guid = :guid", "guid", ctx.pathParam("holding_guid")), DataJson.INVESTMENT_HOLDINGS));

        routes.get(member + "/account_owners", ctx -> list(ctx, "account_owners",
                ofMember(ctx, simple(ctx, "account_owner", "x.account_guid, x.guid")), DataJson.OWNERS));
        routes.get(memberGuid + "/account_numbers", ctx -> list(ctx, "account_numbers",
                ofMember(ctx, simple(ctx, "account_number", "x.account_guid, x.guid")), DataJson.NUMBERS));
        routes.get(user + "/accounts/{account_identifier}/account_numbers", ctx -> list(ctx, "account_numbers",
                ofAccount(ctx, simple(ctx, "account_number", "x.guid"), "x.account_guid"), DataJson.NUMBERS));
    }

    private Listing accounts(Context ctx) {
        return new Listing("account", ACCOUNTS, "x.seq", owner(ctx));
    }

    private Listing transactions(Context ctx) {
        return new Listing("account_transaction", TRANSACTIONS, "x.transacted_on, x.guid", owner(ctx));
    }

    private Listing holdings(Context ctx) {
        return new Listing("holding", "SELECT x.* FROM holding x", "x.symbol, x.guid", owner(ctx));
    }

    private Listing simple(Context ctx, String table, String order) {
        return new Listing(table, "SELECT x.* FROM " + table + " x", order, owner(ctx));
    }

    /** The path's user, if the calling client owns it; 404 otherwise. */
    private String owner(Context ctx) {
        return users.find(Http.client(ctx), Identifier.of(ctx, "user")).orElseThrow(() -> ApiError.notFound("user")).guid();
    }

    private Listing ofMember(Context ctx, Listing listing) {
        return listing.and("x.member_guid = :member", "member", MemberRoutes.find(ctx, members).guid());
    }

    /**
     * Narrows to the path's account, which must be the user's (and the member's, on member paths). An account
     * named by its {@code id} must be the only one of the listing's user and member with that id.
     */
    private Listing ofAccount(Context ctx, Listing listing, String column) {
        Identifier account = Identifier.of(ctx, "account");
        String guid = account.find(g -> accountGuid(listing, "guid", g), id -> accountGuid(listing, "source_id", id))
                .orElseThrow(() -> ApiError.notFound("account"));
        return listing.and(column + " = :account", "account", guid);
    }

    private Optional<String> accountGuid(Listing scope, String column, String value) {
        boolean ofMember = scope.has("member");
        List<String> guids = jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT guid FROM account WHERE " + column + " = :value AND user_guid = :user"
                    + (ofMember ? " AND member_guid = :member" : "")).bind("value", value).bind("user", scope.param("user"));
            if (ofMember) {
                query.bind("member", scope.param("member"));
            }
            return query.mapTo(String.class).list();
        });
        if (guids.size() > 1) {
            throw ApiError.conflict("the user has " + guids.size() + " accounts with id \"" + value
                    + "\" (one per member); name the account by its guid or through its member");
        }
        return guids.stream().findFirst();
    }

    private static Listing dated(Context ctx, Listing listing) {
        LocalDate from = date(ctx, "from_date");
        LocalDate to = date(ctx, "to_date");
        if (from != null) {
            listing.and("x.transacted_on >= :from", "from", from);
        }
        if (to != null) {
            listing.and("x.transacted_on <= :to", "to", to);
        }
        return listing;
    }

    private static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be a date like 2024-01-31");
        }
    }

    private void list(Context ctx, String root, Listing listing, DataJson.Form form) {
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Page.Listing<Map<String, Object>> rows = listing.page(jdbi, page, form.mapper(ApiVersion.of(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(root, rows.items());
        body.put("pagination", page.pagination(rows.total()));
        Http.json(ctx, 200, body);
    }

    private void one(Context ctx, String root, Listing listing, DataJson.Form form) {
        Map<String, Object> row = listing.one(jdbi, form.mapper(ApiVersion.of(ctx))).orElseThrow(() -> ApiError.notFound(root.replace('_', ' ')));
        Http.json(ctx, 200, Map.of(root, row));
    }
}
