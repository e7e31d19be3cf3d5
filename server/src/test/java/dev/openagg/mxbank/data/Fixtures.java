package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What the MX Bank tests share: members, a day to stand on, and how a transaction moves a balance. */
final class Fixtures {
    static final MxBankData BANK = new MxBankData();
    static final LocalDate TODAY = LocalDate.of(2025, 6, 18);
    static final List<String> SEEDS = List.of("MBR-7c6f361b-e582-15b6-60c0-358f12466b4b", "member-alice",
            "member-bob", "MBR-0001", "MBR-0002");

    private Fixtures() {
    }

    static BankAccount account(String seed, LocalDate today, String type) {
        return BANK.accounts(seed, today).stream().filter(a -> a.type().equals(type)).findFirst().orElseThrow();
    }

    /** How the transaction moves its account's balance: credits raise a deposit account, debits raise a card's. */
    static BigDecimal signed(BankTransaction t, String accountType) {
        boolean raises = "CREDIT_CARD".equals(accountType) == "DEBIT".equals(t.type());
        return raises ? t.amount() : t.amount().negate();
    }

    static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<BankTransaction> of(List<BankTransaction> transactions, BankAccount account) {
        return transactions.stream().filter(t -> t.accountId().equals(account.id())).toList();
    }
}
