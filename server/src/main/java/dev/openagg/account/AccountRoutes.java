package dev.openagg.account;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
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
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

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

    @Override
    public void register(RoutesConfig routes) {
        String user = "/users/{user_guid}";
        String member = user + "/members/{member_guid}";
        routes.get(user + "/accounts", ctx -> list(ctx, "accounts", accounts(ctx), DataJson.ACCOUNT_ROW));
        routes.get(member + "/accounts", ctx -> list(ctx, "accounts", ofMember(ctx, accounts(ctx)), DataJson.ACCOUNT_ROW));
        routes.get(user + "/accounts/{account_guid}", ctx -> one(ctx, "account", ofAccount(ctx, accounts(ctx), "x.guid"), DataJson.ACCOUNT_ROW));
        routes.get(member + "/accounts/{account_guid}", ctx -> one(ctx, "account",
                ofAccount(ctx, ofMember(ctx, accounts(ctx)), "x.guid"), DataJson.ACCOUNT_ROW));

        routes.get(user + "/transactions", ctx -> list(ctx, "transactions", dated(ctx, transactions(ctx)), DataJson.TRANSACTION_ROW));
        routes.get(member + "/transactions", ctx -> list(ctx, "transactions", dated(ctx, ofMember(ctx, transactions(ctx))), DataJson.TRANSACTION_ROW));
        routes.get(user + "/accounts/{account_guid}/transactions", ctx -> list(ctx, "transactions",
                dated(ctx, ofAccount(ctx, transactions(ctx), "x.account_guid")), DataJson.TRANSACTION_ROW));
        routes.get(user + "/transactions/{transaction_guid}", ctx -> one(ctx, "transaction",
                transactions(ctx).and("x.guid = :guid", "guid", ctx.pathParam("transaction_guid")), DataJson.TRANSACTION_ROW));

        routes.get(user + "/holdings", ctx -> list(ctx, "holdings", holdings(ctx), DataJson.HOLDING_ROW));
        routes.get(member + "/holdings", ctx -> list(ctx, "holdings", ofMember(ctx, holdings(ctx)), DataJson.HOLDING_ROW));
        routes.get(user + "/accounts/{account_guid}/holdings", ctx -> list(ctx, "holdings",
                ofAccount(ctx, holdings(ctx), "x.account_guid"), DataJson.HOLDING_ROW));
        routes.get(user + "/holdings/{holding_guid}", ctx -> one(ctx, "holding",
                holdings(ctx).and("x.guid = :guid", "guid", ctx.pathParam("holding_guid")), DataJson.HOLDING_ROW));

        // The same positions in the newer schema and paths that current official clients use.
        routes.get(user + "/investment_holdings", ctx -> list(ctx, "investment_holdings", holdings(ctx), DataJson.INVESTMENT_HOLDING_ROW));
        routes.get(member + "/investment_holdings", ctx -> list(ctx, "investment_holdings", ofMember(ctx, holdings(ctx)),
                DataJson.INVESTMENT_HOLDING_ROW));
        routes.get(user + "/accounts/{account_guid}/investment_holdings", ctx -> list(ctx, "investment_holdings",
                ofAccount(ctx, holdings(ctx), "x.account_guid"), DataJson.INVESTMENT_HOLDING_ROW));
        routes.get(user + "/investment_holdings/{holding_guid}", ctx -> one(ctx, "investment_holding",
                holdings(ctx).and("x.guid = :guid", "guid", ctx.pathParam("holding_guid")), DataJson.INVESTMENT_HOLDING_ROW));

        routes.get(member + "/account_owners", ctx -> list(ctx, "account_owners",
                ofMember(ctx, simple(ctx, "account_owner", "x.account_guid, x.guid")), DataJson.OWNER_ROW));
        routes.get(member + "/account_numbers", ctx -> list(ctx, "account_numbers",
                ofMember(ctx, simple(ctx, "account_number", "x.account_guid, x.guid")), DataJson.NUMBER_ROW));
        routes.get(user + "/accounts/{account_guid}/account_numbers", ctx -> list(ctx, "account_numbers",
                ofAccount(ctx, simple(ctx, "account_number", "x.guid"), "x.account_guid"), DataJson.NUMBER_ROW));
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
        return users.find(Http.client(ctx), ctx.pathParam("user_guid")).orElseThrow(() -> ApiError.notFound("user")).guid();
    }

    private Listing ofMember(Context ctx, Listing listing) {
        return listing.and("x.member_guid = :member", "member", MemberRoutes.find(ctx, members).guid());
    }

    /** Narrows to the path's account, which must be the user's (and the member's, on member paths). */
    private Listing ofAccount(Context ctx, Listing listing, String column) {
        String account = ctx.pathParam("account_guid");
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account WHERE guid = :a AND user_guid = :u")
                .bind("a", account).bind("u", ctx.pathParam("user_guid")).mapTo(Long.class).one() > 0);
        if (!exists) {
            throw ApiError.notFound("account");
        }
        return listing.and(column + " = :account", "account", account);
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

    private void list(Context ctx, String root, Listing listing, RowMapper<Map<String, Object>> mapper) {
        Page page = Page.of(ctx.queryParam("page"), ctx.queryParam("records_per_page"));
        Page.Listing<Map<String, Object>> rows = listing.page(jdbi, page, mapper);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(root, rows.items());
        body.put("pagination", page.pagination(rows.total()));
        Http.json(ctx, 200, body);
    }

    private void one(Context ctx, String root, Listing listing, RowMapper<Map<String, Object>> mapper) {
        Map<String, Object> row = listing.one(jdbi, mapper).orElseThrow(() -> ApiError.notFound(root.replace('_', ' ')));
        Http.json(ctx, 200, Map.of(root, row));
    }
}
