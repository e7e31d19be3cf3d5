package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One transaction as the ledger knows it, before a {@code today} decides whether it is pending. {@code seq} is its
 * place in its day, from 1.
 */
record Entry(Kind kind, LocalDate day, int seq, String type, BigDecimal amount, Label label) {
    static final String DEBIT = "DEBIT";
    static final String CREDIT = "CREDIT";

    static Entry debit(Kind kind, LocalDate day, BigDecimal amount, Label label) {
        return new Entry(kind, day, 0, DEBIT, amount, label);
    }

    static Entry credit(Kind kind, LocalDate day, BigDecimal amount, Label label) {
        return new Entry(kind, day, 0, CREDIT, amount, label);
    }

    BigDecimal signed() {
        return kind.signed(type, amount);
    }

    /**
     * An entry that moves the account's balance by {@code effect}: labelled {@code raise} when it raises it and
     * {@code lower} when it lowers it, with the transaction type that has that effect on this kind of account.
     */
    static Entry moving(Kind kind, LocalDate day, BigDecimal effect, Label raise, Label lower) {
        boolean up = effect.signum() > 0;
        String type = up == (kind == Kind.CREDIT_CARD) ? DEBIT : CREDIT;
        return new Entry(kind, day, 0, type, effect.abs(), up ? raise : lower);
    }

    /** The transaction as reported on {@code today}: pending until it posts, two days after it happened. */
    BankTransaction asOf(Member member, LocalDate today) {
        LocalDate posts = day.plusDays(Books.POSTING_DAYS);
        boolean posted = !posts.isAfter(today);
        int date = day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
        String id = "trn-" + member.hex + "-" + kind.suffix + "-" + date + "-" + seq;
        return new BankTransaction(id, member.accountId(kind), day, posted ? posts : null,
                posted ? BankTransaction.POSTED : BankTransaction.PENDING, type, amount, label.description(),
                label.originalDescription(), label.category(), label.topLevelCategory(), label.merchantCategoryCode(),
                label.has(Label.INCOME), label.has(Label.EXPENSE), label.has(Label.FEE),
                label.has(Label.PAYROLL_ADVANCE), label.has(Label.BILL_PAY), label.has(Label.DIRECT_DEPOSIT),
                label.has(Label.RECURRING), label.has(Label.SUBSCRIPTION));
    }

    Entry numbered(int place) {
        return new Entry(kind, day, place, type, amount, label);
    }
}
