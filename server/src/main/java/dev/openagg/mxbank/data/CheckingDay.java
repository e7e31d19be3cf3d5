package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A day in the checking account: rent on the 1st, pay on paydays, the transfer to savings, bills on the member's bill
 * days, the card's autopay, a little interest at month end, and about two debit card purchases.
 */
final class CheckingDay {
    private CheckingDay() {
    }

    /** On the 1st, last month's surplus goes to the brokerage (or a shortfall comes back from it). */
    static Entry sweep(Books books, LocalDate day) {
        if (day.getDayOfMonth() != 1) {
            return null;
        }
        BigDecimal surplus = books.residual(Kind.CHECKING, YearMonth.from(day).minusMonths(1));
        if (surplus.signum() == 0) {
            return null;
        }
        return Entry.moving(Kind.CHECKING, day, surplus.negate(), Transfers.from(Kind.INVESTMENT, books.member, 0),
                Transfers.to(Kind.INVESTMENT, books.member, 0));
    }

    static List<Entry> entries(Books books, LocalDate day) {
        Member member = books.member;
        Dice dice = new Dice(member.hash, Kind.CHECKING.ordinal(), day.toEpochDay());
        YearMonth month = YearMonth.from(day);
        int date = day.getDayOfMonth();
        List<Entry> out = new ArrayList<>();
        if (date == 1) {
            out.add(debit(day, member.rent, Label.plain(member.landlord, "ACH DEBIT " + member.landlord.toUpperCase()
                    + " RENT", "Mortgage & Rent", "Home", Label.EXPENSE | Label.BILL_PAY | Label.RECURRING)));
        }
        if (Payroll.isPayday(day)) {
            out.add(Entry.credit(Kind.CHECKING, day, Payroll.of(member, day.getYear()).net(),
                    Label.plain(member.employer, "DIRECT DEP " + member.employer.toUpperCase() + " PAYROLL PPD",
                            "Paycheck", "Income", Label.INCOME | Label.DIRECT_DEPOSIT | Label.RECURRING)));
        }
        BigDecimal toSavings = books.savings.transfer(month);
        if (date == SavingsBook.TRANSFER_DAY && toSavings.signum() > 0) {
            out.add(debit(day, toSavings, Transfers.to(Kind.SAVINGS, member, Label.RECURRING)));
        }
        bills(member, day, dice, out);
        if (date == CardDay.AUTOPAY_DAY) {
            BigDecimal owed = books.residual(Kind.CREDIT_CARD, month.minusMonths(1));
            if (owed.signum() != 0) {
                out.add(Entry.moving(Kind.CHECKING, day, owed.negate(), Transfers.creditBalanceRefund(),
                        Transfers.cardPayment(member)));
            }
        }
        if (day.equals(month.atEndOfMonth()) && month.isAfter(member.openingMonth(Kind.CHECKING))) {
            BigDecimal interest = member.checkingOpening.multiply(member.checkingApy)
                    .divide(BigDecimal.valueOf(1200), 2, RoundingMode.HALF_EVEN);
            out.add(Entry.credit(Kind.CHECKING, day, interest, Transfers.interest()));
        }
        purchases(member, day, dice, out);
        return out;
    }

    /** Utilities, internet and car insurance, each on its own day of the month for this member. */
    private static void bills(Member member, LocalDate day, Dice dice, List<Entry> out) {
        Dice fixed = new Dice(member.hash, 8);
        int electricDay = fixed.between(5, 12);
        int waterDay = fixed.between(13, 17);
        int internetDay = fixed.between(18, 24);
        int insuranceDay = fixed.between(25, 28);
        BigDecimal premium = Merchants.CAR_INSURANCE.amount(fixed, 1);
        int date = day.getDayOfMonth();
        if (date == electricDay) {
            double season = 1 + 0.3 * Math.cos(2 * Math.PI * (day.getMonthValue() - 7) / 12.0);
            out.add(debit(day, Merchants.ELECTRIC.amount(dice, season), Merchants.ELECTRIC.label(dice)));
        }
        if (date == waterDay) {
            out.add(debit(day, Merchants.WATER.amount(dice, 1), Merchants.WATER.label(dice)));
        }
        if (date == internetDay) {
            out.add(debit(day, Merchants.INTERNET.amount(dice, 1), Merchants.INTERNET.label(dice)));
        }
        if (date == insuranceDay) {
            out.add(debit(day, premium, Merchants.CAR_INSURANCE.label(dice)));
        }
    }

    /** About two debit card purchases a day, and now and then cash from another bank's ATM. */
    private static void purchases(Member member, LocalDate day, Dice dice, List<Entry> out) {
        int count = dice.between(0, 2) + dice.between(0, 2);
        for (int i = 0; i < count; i++) {
            Merchant merchant = dice.pick(Merchants.DEBIT_CARD);
            out.add(debit(day, merchant.amount(dice, member.spending), merchant.label(dice)));
        }
        if (dice.chance(0.04)) {
            BigDecimal cash = BigDecimal.valueOf(dice.between(2, 10) * 20L).setScale(2);
            out.add(debit(day, cash, Label.plain("ATM Withdrawal", "ATM WITHDRAWAL " + dice.digits(6),
                    "Transfer for Cash Spending", "Transfer", 0)));
            out.add(debit(day, Merchants.ATM_FEE.amount(dice, 1), Merchants.ATM_FEE.label(dice)));
        }
    }

    private static Entry debit(LocalDate day, BigDecimal amount, Label label) {
        return Entry.debit(Kind.CHECKING, day, amount, label);
    }
}
