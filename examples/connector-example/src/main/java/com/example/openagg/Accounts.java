package com.example.openagg;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.TransactionData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** What Example Credit Union reports: one checking account, three transactions, and its numbers. */
final class Accounts {
    private static final String CHECKING = "chk-1";

    Harvest harvest(JobContext context) {
        LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        AccountData checking = new AccountData(CHECKING, "Share Draft", "CHECKING", null, "****0101", null,
                new BigDecimal("1520.40"), new BigDecimal("1520.40"), null, null, today.minusYears(3), "USD");
        Harvest.Builder harvest = Harvest.builder().accounts(List.of(checking));
        return switch (context.kind()) {
            case AGGREGATE -> harvest.transactions(List.of(
                    debit("t1", today.minusDays(3), "12.50", "Corner Coffee"),
                    debit("t2", today.minusDays(2), "64.10", "Grocery Market"),
                    credit("t3", today.minusDays(1), "1200.00", "Payroll"))).build();
            case VERIFICATION -> harvest.accountNumbers(List.of(
                    new AccountNumberData(CHECKING, "7700000101", "011000015"))).build();
            default -> harvest.build();
        };
    }

    private static TransactionData debit(String id, LocalDate on, String amount, String description) {
        return transaction(id, on, "DEBIT", amount, description, false);
    }

    private static TransactionData credit(String id, LocalDate on, String amount, String description) {
        return transaction(id, on, "CREDIT", amount, description, true);
    }

    private static TransactionData transaction(String id, LocalDate on, String type, String amount,
                                               String description, boolean income) {
        return new TransactionData(id, CHECKING, on, on, "POSTED", type, new BigDecimal(amount), description,
                description.toUpperCase(), income ? "Paycheck" : "Shopping", income ? "Income" : "Shopping", null,
                income, !income, false, false, false, income, false, false);
    }
}
