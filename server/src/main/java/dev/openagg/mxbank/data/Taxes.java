package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The year's tax figures, summed from the very transactions and distributions the ledger generates, so a tax form and
 * the transaction list always agree.
 */
final class Taxes {
    private Taxes() {
    }

    static List<YearlyIncome> of(Member member, int year) {
        Books books = new Books(member);
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        BigDecimal wages = Money.ZERO;
        BigDecimal withheld = Money.ZERO;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (Payroll.isPayday(d) && !d.isBefore(member.openedOn(Kind.CHECKING))) {
                Payroll.Paycheck paycheck = Payroll.of(member, year);
                wages = wages.add(paycheck.gross());
                withheld = withheld.add(paycheck.federalWithheld());
            }
        }
        YearlyIncome checking = new YearlyIncome(year, member.accountId(Kind.CHECKING),
                interest(books, Kind.CHECKING, first, last), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, wages, withheld);
        YearlyIncome savings = new YearlyIncome(year, member.accountId(Kind.SAVINGS),
                interest(books, Kind.SAVINGS, first, last), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO, Money.ZERO);
        return List.of(checking, savings, brokerage(member, books.portfolio, year));
    }

    private static BigDecimal interest(Books books, Kind kind, LocalDate first, LocalDate last) {
        BigDecimal sum = Money.ZERO;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Entry entry : books.day(kind, d)) {
                if (Label.INTEREST_INCOME.equals(entry.label().category())) {
                    sum = sum.add(entry.amount());
                }
            }
        }
        return sum;
    }

    private static YearlyIncome brokerage(Member member, Portfolio portfolio, int year) {
        BigDecimal ordinary = Money.ZERO;
        BigDecimal qualified = Money.ZERO;
        BigDecimal capitalGains = Money.ZERO;
        LocalDate last = LocalDate.of(year, 12, 31);
        for (LocalDate d = LocalDate.of(year, 1, 1); !d.isAfter(last); d = d.plusDays(1)) {
            if (d.isBefore(member.openedOn(Kind.INVESTMENT))) {
                continue;
            }
            for (Portfolio.Payout payout : portfolio.payouts(d)) {
                if (payout.capitalGain()) {
                    capitalGains = capitalGains.add(payout.amount());
                } else {
                    ordinary = ordinary.add(payout.amount());
                    qualified = qualified.add(payout.qualified());
                }
            }
        }
        Portfolio.Position lot = portfolio.lot(year);
        BigDecimal proceeds = lot == null ? Money.ZERO : lot.value(lot.soldOn());
        BigDecimal basis = lot == null ? Money.ZERO : lot.cost();
        return new YearlyIncome(year, member.accountId(Kind.INVESTMENT), Money.ZERO, ordinary, qualified, capitalGains,
                proceeds, basis, Money.ZERO, Money.ZERO);
    }
}
