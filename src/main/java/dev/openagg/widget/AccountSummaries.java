package dev.openagg.widget;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The connected accounts the widget shows on success: name, type and balance. */
final class AccountSummaries {
    private final Jdbi jdbi;

    AccountSummaries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<WidgetJson.Account> of(String memberGuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, type, balance FROM account WHERE member_guid = :m ORDER BY seq")
                .bind("m", memberGuid)
                .map((rs, c) -> new WidgetJson.Account(rs.getString("name"), rs.getString("type"), rs.getBigDecimal("balance")))
                .list());
    }
}
