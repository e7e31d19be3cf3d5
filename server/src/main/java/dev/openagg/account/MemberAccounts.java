package dev.openagg.account;

import dev.openagg.api.Page;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A member's accounts in MX's AccountResponse shape, for features outside the API's routes (the connect widget). */
public final class MemberAccounts {
    private final Jdbi jdbi;

    public MemberAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Page.Listing<Map<String, Object>> list(String userGuid, String memberGuid, Page page) {
        return new Listing("account", AccountRoutes.ACCOUNTS, "x.seq", userGuid)
                .and("x.member_guid = :member", "member", memberGuid)
                .page(jdbi, page, DataJson.ACCOUNT_ROW);
    }
}
