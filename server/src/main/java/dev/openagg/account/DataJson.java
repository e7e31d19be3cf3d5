package dev.openagg.account;

import dev.openagg.api.ApiVersion;
import dev.openagg.api.Shape;
import dev.openagg.api.Wire;
import dev.openagg.db.Database;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The wire forms of accounts, transactions, holdings, account owners and account numbers: exactly the fields of
 * MX's AccountResponse, TransactionResponse, HoldingResponse, AccountOwnerResponse and AccountNumberResponse.
 */
final class DataJson {
    private static final Set<String> DEPOSITS = Set.of("CHECKING", "SAVINGS");

    static final Shape ACCOUNT = new Shape("account_number", "account_number_set_by", "account_ownership",
            "annuity_policy_to_date", "annuity_provider", "annuity_term_year", "apr", "apr_set_by", "apy", "apy_set_by",
            "available_balance", "available_balance_set_by", "available_credit", "available_credit_set_by", "balance",
            "balance_set_by", "calculated_apr", "cash_balance", "cash_balance_set_by", "cash_surrender_value",
            "cash_surrender_value_set_by", "created_at", "credit_limit", "credit_limit_set_by", "currency_code",
            "currency_code_set_by", "day_payment_is_due", "day_payment_is_due_set_by", "death_benefit",
            "death_benefit_set_by", "federal_insurance_status", "feed_account_number", "feed_account_subtype",
            "feed_account_type", "feed_apr", "feed_apy", "feed_available_balance", "feed_balance", "feed_cash_balance",
            "feed_cash_surrender_value", "feed_credit_limit", "feed_currency_code", "feed_day_payment_is_due",
            "feed_death_benefit", "feed_holdings_value", "feed_interest_rate", "feed_is_closed", "feed_last_payment",
            "feed_last_payment_at", "feed_loan_amount", "feed_matures_on", "feed_minimum_balance",
            "feed_minimum_payment", "feed_name", "feed_nickname", "feed_original_balance", "feed_payment_due_at",
            "feed_payoff_balance", "feed_routing_number", "feed_started_on", "feed_statement_balance",
            "feed_total_account_value", "guid", "holdings_value", "holdings_value_set_by", "id", "imported_at",
            "institution_code", "institution_guid", "insured_name", "interest_rate", "interest_rate_set_by",
            "is_closed", "is_closed_set_by", "is_hidden", "is_manual", "last_payment", "last_payment_set_by",
            "last_payment_at", "last_payment_at_set_by", "loan_amount", "loan_amount_set_by", "margin_balance",
            "matures_on", "matures_on_set_by", "member_guid", "member_id", "member_is_managed_by_user", "metadata",
            "minimum_balance", "minimum_balance_set_by", "minimum_payment", "minimum_payment_set_by", "name",
            "name_set_by", "nickname", "nickname_set_by", "original_balance", "original_balance_set_by",
            "pay_out_amount", "payment_due_at", "payment_due_at_set_by", "payoff_balance", "payoff_balance_set_by",
            "premium_amount", "property_type", "routing_number", "started_on", "started_on_set_by",
            "statement_balance", "statement_balance_set_by", "subtype", "subtype_set_by", "today_ugl_amount",
            "today_ugl_percentage", "total_account_value", "total_account_value_set_by", "total_account_value_ugl",
            "type", "type_set_by", "updated_at", "user_guid", "user_id");

    static final Shape TRANSACTION = new Shape("account_guid", "account_id", "amount", "category", "category_guid",
            "check_number_string", "created_at", "currency_code", "date", "description", "extended_transaction_type",
            "guid", "id", "is_bill_pay", "is_direct_deposit", "is_expense", "is_fee", "is_income", "is_international",
            "is_overdraft_fee", "is_payroll_advance", "is_recurring", "is_subscription", "latitude",
            "localized_description", "localized_memo", "longitude", "member_guid", "member_is_managed_by_user", "memo",
            "merchant_category_code", "merchant_guid", "merchant_location_guid", "metadata", "original_description",
            "posted_at", "status", "top_level_category", "transacted_at", "type", "updated_at", "user_guid", "user_id");

    /** v20250224's AccountResponse: v20111101's without the {@code feed_*}, {@code *_set_by} and a few more. */
    static final Shape ACCOUNT_CURRENT = new Shape("account_number", "account_ownership", "annuity_policy_to_date",
            "annuity_provider", "annuity_term_year", "apr", "apy", "available_balance", "available_credit", "balance",
            "cash_balance", "cash_surrender_value", "created_at", "credit_limit", "currency_code", "day_payment_is_due",
            "death_benefit", "federal_insurance_status", "guid", "id", "imported_at", "interest_rate",
            "institution_code", "insured_name", "is_closed", "is_hidden", "is_manual", "last_payment",
            "last_payment_at", "loan_amount", "margin_balance", "matures_on", "member_guid", "member_id",
            "member_is_managed_by_user", "metadata", "minimum_balance", "minimum_payment", "name", "nickname",
            "original_balance", "pay_out_amount", "payment_due_at", "payoff_balance", "premium_amount", "property_type",
            "routing_number", "started_on", "statement_balance", "subtype", "today_ugl_amount", "today_ugl_percentage",
            "total_account_value", "total_account_value_ugl", "type", "updated_at", "user_guid", "user_id");

    /** v20250224's TransactionResponse: v20111101's (as mx-platform-node 1.8.2 knows it) and {@code is_manual}. */
    static final Shape TRANSACTION_CURRENT = new Shape("account_guid", "account_id", "amount", "category",
            "category_guid", "check_number_string", "created_at", "currency_code", "date", "description",
            "extended_transaction_type", "guid", "id", "is_bill_pay", "is_direct_deposit", "is_expense", "is_fee",
            "is_income", "is_international", "is_manual", "is_overdraft_fee", "is_payroll_advance", "is_recurring",
            "is_subscription", "latitude", "localized_description", "localized_memo", "longitude", "member_guid",
            "member_is_managed_by_user", "memo", "merchant_category_code", "merchant_guid", "merchant_location_guid",
            "metadata", "original_description", "posted_at", "status", "top_level_category", "transacted_at", "type",
            "updated_at", "user_guid", "user_id");

    static final Shape TRANSACTION_LISTED = TRANSACTION_CURRENT.with("classification", "geolocation", "merchant",
            "repeating_transaction");

    static final Shape HOLDING = new Shape("account_guid", "cost_basis", "created_at", "currency_code", "cusip",
            "daily_change", "description", "guid", "holding_type", "holding_type_id", "id", "market_value",
            "member_guid", "metadata", "purchase_price", "shares", "symbol", "updated_at", "user_guid");

    /** The newer schema of the same positions, served under {@code investment_holdings} for current clients. */
    static final Shape INVESTMENT_HOLDING = new Shape("account_guid", "cost_basis", "coupon_yield", "currency_code",
            "current_price", "daily_change", "description", "expiration", "face_value", "frequency", "guid",
            "market_value", "maturity_date", "percentage_change", "purchase_price", "quantity", "rate", "strike_price",
            "symbol", "term", "today_ugl_amount", "today_ugl_percentage", "total_ugl_amount", "total_ugl_percentage",
            "unvested_quantity", "unvested_value", "user_guid", "vested_quantity", "vested_value", "created_at",
            "current_price_as_of", "issue_date", "vesting_start_date", "vesting_end_date", "put_or_call",
            "holding_type", "term_unit");

    static final Shape OWNER = new Shape("account_guid", "address", "city", "country", "email", "first_name", "guid",
            "last_name", "member_guid", "owner_name", "phone", "postal_code", "state", "user_guid");

    static final Shape NUMBER = new Shape("account_guid", "account_number", "guid", "loan_guarantor",
            "loan_reference_number", "institution_number", "member_guid", "passed_validation", "routing_number",
            "sequence_number", "transit_number", "user_guid");

    private DataJson() {
    }

    /** One kind of record as each API version renders it. */
    interface Form {
        RowMapper<Map<String, Object>> mapper(ApiVersion version);
    }

    static final Form ACCOUNTS = version -> switch (version) {
        case V20111101 -> DataJson.ACCOUNT_ROW;
        case V20250224 -> (rs, c) -> ACCOUNT_CURRENT.values().from(DataJson.ACCOUNT_ROW.map(rs, c)).toMap();
    };

    static final Form TRANSACTIONS = version -> switch (version) {
        case V20111101 -> DataJson.TRANSACTION_ROW;
        case V20250224 -> transactionAs(TRANSACTION_CURRENT);
    };

    /**
     * Listed transactions: v20250224's TransactionIncludesResponse adds the objects that {@code includes} asks for;
     * OpenAgg has none of them, so they are null. v20111101 keeps the form mx-platform-node 1.8.2 knows.
     */
    static final Form LISTED_TRANSACTIONS = version -> switch (version) {
        case V20111101 -> DataJson.TRANSACTION_ROW;
        case V20250224 -> transactionAs(TRANSACTION_LISTED);
    };

    private static RowMapper<Map<String, Object>> transactionAs(Shape shape) {
        return (rs, c) -> shape.values().from(DataJson.TRANSACTION_ROW.map(rs, c)).set("is_manual", false).toMap();
    }

    // The same in both versions.
    static final Form HOLDINGS = version -> DataJson.HOLDING_ROW;
    static final Form INVESTMENT_HOLDINGS = version -> DataJson.INVESTMENT_HOLDING_ROW;
    static final Form OWNERS = version -> DataJson.OWNER_ROW;
    static final Form NUMBERS = version -> DataJson.NUMBER_ROW;

    static final RowMapper<Map<String, Object>> ACCOUNT_ROW = (rs, c) -> {
        String type = rs.getString("type");
        BigDecimal rate = rs.getBigDecimal("interest_rate");
        BigDecimal limit = rs.getBigDecimal("credit_limit");
        return ACCOUNT.values()
                .set("account_number", masked(rs.getString("account_number")))
                .set("apr", DEPOSITS.contains(type) ? null : rate)
                .set("apy", DEPOSITS.contains(type) ? rate : null)
                .set("available_balance", rs.getBigDecimal("available_balance"))
                .set("available_credit", limit == null ? null : rs.getBigDecimal("available_balance"))
                .set("balance", rs.getBigDecimal("balance"))
                .set("created_at", Wire.time(Database.instant(rs, "created_at")))
                .set("credit_limit", limit)
                .set("currency_code", rs.getString("currency_code"))
                .set("guid", rs.getString("guid"))
                .set("id", rs.getString("source_id"))
                .set("institution_code", rs.getString("institution_code"))
                .set("interest_rate", rate)
                .set("is_closed", false)
                .set("is_hidden", false)
                .set("is_manual", false)
                .set("member_guid", rs.getString("member_guid"))
                .set("member_id", rs.getString("member_id"))
                .set("member_is_managed_by_user", false)
                .set("name", rs.getString("name"))
                .set("routing_number", rs.getString("routing_number"))
                .set("started_on", date(rs, "started_on"))
                .set("subtype", rs.getString("subtype"))
                .set("type", type)
                .set("updated_at", Wire.time(Database.instant(rs, "updated_at")))
                .set("user_guid", rs.getString("user_guid"))
                .set("user_id", rs.getString("user_id"))
                .toMap();
    };

    static final RowMapper<Map<String, Object>> TRANSACTION_ROW = (rs, c) -> {
        LocalDate transacted = rs.getObject("transacted_on", LocalDate.class);
        LocalDate posted = rs.getObject("posted_on", LocalDate.class);
        return TRANSACTION.values()
                .set("account_guid", rs.getString("account_guid"))
                .set("account_id", rs.getString("account_source_id"))
                .set("amount", rs.getBigDecimal("amount"))
                .set("category", rs.getString("category"))
                .set("created_at", Wire.time(Database.instant(rs, "created_at")))
                .set("currency_code", "USD")
                .set("date", transacted.toString())
                .set("description", rs.getString("description"))
                .set("guid", rs.getString("guid"))
                .set("id", rs.getString("source_id"))
                .set("is_bill_pay", rs.getBoolean("is_bill_pay"))
                .set("is_direct_deposit", rs.getBoolean("is_direct_deposit"))
                .set("is_expense", rs.getBoolean("is_expense"))
                .set("is_fee", rs.getBoolean("is_fee"))
                .set("is_income", rs.getBoolean("is_income"))
                .set("is_international", false)
                .set("is_overdraft_fee", false)
                .set("is_payroll_advance", rs.getBoolean("is_payroll_advance"))
                .set("is_recurring", rs.getBoolean("is_recurring"))
                .set("is_subscription", rs.getBoolean("is_subscription"))
                .set("member_guid", rs.getString("member_guid"))
                .set("member_is_managed_by_user", false)
                .set("merchant_category_code", (Integer) rs.getObject("merchant_category_code"))
                .set("original_description", rs.getString("original_description"))
                .set("posted_at", posted == null ? null : noon(posted))
                .set("status", rs.getString("status"))
                .set("top_level_category", rs.getString("top_level_category"))
                .set("transacted_at", noon(transacted))
                .set("type", rs.getString("type"))
                .set("updated_at", Wire.time(Database.instant(rs, "updated_at")))
                .set("user_guid", rs.getString("user_guid"))
                .set("user_id", rs.getString("user_id"))
                .toMap();
    };

    static final RowMapper<Map<String, Object>> HOLDING_ROW = (rs, c) -> HOLDING.values()
            .set("account_guid", rs.getString("account_guid"))
            .set("cost_basis", rs.getBigDecimal("cost_basis"))
            .set("created_at", Wire.time(Database.instant(rs, "created_at")))
            .set("currency_code", rs.getString("currency_code"))
            .set("cusip", rs.getString("cusip"))
            .set("daily_change", rs.getBigDecimal("daily_change"))
            .set("description", rs.getString("description"))
            .set("guid", rs.getString("guid"))
            .set("holding_type", rs.getString("holding_type"))
            .set("id", rs.getString("source_id"))
            .set("market_value", rs.getBigDecimal("market_value"))
            .set("member_guid", rs.getString("member_guid"))
            .set("purchase_price", rs.getBigDecimal("purchase_price"))
            .set("shares", rs.getBigDecimal("shares"))
            .set("symbol", rs.getString("symbol"))
            .set("updated_at", Wire.time(Database.instant(rs, "updated_at")))
            .set("user_guid", rs.getString("user_guid"))
            .toMap();

    static final RowMapper<Map<String, Object>> INVESTMENT_HOLDING_ROW = (rs, c) -> {
        BigDecimal shares = rs.getBigDecimal("shares");
        BigDecimal value = rs.getBigDecimal("market_value");
        BigDecimal cost = rs.getBigDecimal("cost_basis");
        BigDecimal change = rs.getBigDecimal("daily_change");
        BigDecimal price = shares == null || shares.signum() == 0 || value == null ? null
                : value.divide(shares, 4, java.math.RoundingMode.HALF_UP);
        BigDecimal gain = value == null || cost == null ? null : value.subtract(cost);
        return INVESTMENT_HOLDING.values()
                .set("account_guid", rs.getString("account_guid"))
                .set("cost_basis", cost)
                .set("created_at", Wire.time(Database.instant(rs, "created_at")))
                .set("currency_code", rs.getString("currency_code"))
                .set("current_price", price)
                .set("current_price_as_of", Wire.time(Database.instant(rs, "updated_at")))
                .set("daily_change", change)
                .set("description", rs.getString("description"))
                .set("guid", rs.getString("guid"))
                .set("holding_type", rs.getString("holding_type"))
                .set("market_value", value)
                .set("percentage_change", percent(change, value == null || change == null ? null : value.subtract(change)))
                .set("purchase_price", rs.getBigDecimal("purchase_price"))
                .set("quantity", shares == null ? null : shares.stripTrailingZeros().toPlainString())
                .set("symbol", rs.getString("symbol"))
                .set("today_ugl_amount", change)
                .set("total_ugl_amount", gain)
                .set("total_ugl_percentage", percent(gain, cost))
                .set("user_guid", rs.getString("user_guid"))
                .toMap();
    };

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part == null || whole == null || whole.signum() == 0 ? null
                : part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, java.math.RoundingMode.HALF_UP);
    }

    static final RowMapper<Map<String, Object>> OWNER_ROW = (rs, c) -> {
        Shape.Values v = OWNER.values();
        for (String f : OWNER.fields()) {
            v.set(f, rs.getString(f));
        }
        return v.toMap();
    };

    static final RowMapper<Map<String, Object>> NUMBER_ROW = (rs, c) -> NUMBER.values()
            .set("account_guid", rs.getString("account_guid"))
            .set("account_number", rs.getString("account_number"))
            .set("guid", rs.getString("guid"))
            .set("member_guid", rs.getString("member_guid"))
            .set("passed_validation", true)
            .set("routing_number", rs.getString("routing_number"))
            .set("user_guid", rs.getString("user_guid"))
            .toMap();

    /** Accounts show only the last four digits; the verification endpoints give the full number. */
    private static String masked(String number) {
        return number == null || number.length() <= 4 ? number : "XXXXXX" + number.substring(number.length() - 4);
    }

    private static String noon(LocalDate day) {
        return day + "T12:00:00Z";
    }

    private static String date(ResultSet rs, String column) throws SQLException {
        LocalDate day = rs.getObject(column, LocalDate.class);
        return day == null ? null : day.toString();
    }
}
