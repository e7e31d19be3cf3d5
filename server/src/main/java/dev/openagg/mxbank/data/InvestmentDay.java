package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A day in the brokerage: on the 1st, checking's sweep arrives (the other end of {@link CheckingDay#sweep}) and on the
 * 2nd it is invested in the main position; distributions on their pay days; the short-term lot's purchase and sale.
 * The brokerage's balance is its holdings' value plus a fixed cash sweep, not a sum of these transactions.
 */
final class InvestmentDay {
    private InvestmentDay() {
    }

    static List<Entry> entries(Books books, LocalDate day) {
        Member member = books.member;
        Portfolio portfolio = books.portfolio;
        List<Entry> out = new ArrayList<>();
        YearMonth month = YearMonth.from(day);
        boolean sweepDays = day.getDayOfMonth() <= 2;
        BigDecimal contribution = sweepDays ? books.residual(Kind.CHECKING, month.minusMonths(1)) : Money.ZERO;
        if (day.getDayOfMonth() == 1 && contribution.signum() != 0) {
            out.add(Entry.moving(Kind.INVESTMENT, day, contribution,
                    Transfers.deposit("Transfer from " + Kind.CHECKING.title, "DEPOSIT FROM CHK"),
                    Transfers.withdrawal("Transfer to " + Kind.CHECKING.title, "WITHDRAWAL TO CHK")));
        }
        if (day.getDayOfMonth() == 2 && contribution.signum() > 0) {
            String symbol = portfolio.mainPosition().security().symbol();
            out.add(Entry.debit(Kind.INVESTMENT, day, contribution, Label.plain("Automatic Investment " + symbol,
                    "AUTOMATIC INVESTMENT BUY " + symbol, "Buy", "Investments", Label.RECURRING)));
        }
        for (Portfolio.Payout payout : portfolio.payouts(day)) {
            out.add(Entry.credit(Kind.INVESTMENT, day, payout.amount(), Transfers.payout(payout)));
        }
        Portfolio.Position lot = portfolio.lot(day.getYear());
        if (lot != null && day.equals(lot.boughtOn())) {
            out.add(Entry.debit(Kind.INVESTMENT, day, lot.cost(), Transfers.trade("Buy", lot)));
        }
        if (lot != null && day.equals(lot.soldOn())) {
            out.add(Entry.credit(Kind.INVESTMENT, day, lot.value(day), Transfers.trade("Sell", lot)));
        }
        return out;
    }
}
