package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's ledger, for the length of one request: every account's transactions day by day, and the balances
 * they add up to. Days and monthly sums are remembered, so a day is generated at most once per request.
 *
 * <p>A day's transactions are a function of the member and the day only. Balances stay bounded and cheap by
 * <em>monthly settlement</em>: for checking and the credit card, a month's net flow apart from its settlement (its
 * {@linkplain #residual residual}) is carried away by one settlement transaction in the next month (the sweep to the
 * brokerage, the card's autopay). So the balance at the end of month m is opening + residual(m), and the balance as
 * of a day needs only that month and the one before it, however long ago the account was opened. Savings has no
 * random flows; its month-end balance is a short loop over fixed transfers and interest (see {@link SavingsBook}).
 * Either way the balance is exactly the opening balance plus every posted transaction since the account opened.
 */
final class Books {
    /** Transactions post two days after they happen: those of today and yesterday are pending. */
    static final int POSTING_DAYS = 2;

    final Member member;
    final Portfolio portfolio;
    final SavingsBook savings;
    private final Map<Long, List<Entry>> days = new HashMap<>();
    private final Map<Long, BigDecimal> residuals = new HashMap<>();

    Books(Member member) {
        this.member = member;
        this.portfolio = new Portfolio(member);
        this.savings = new SavingsBook(member);
    }

    /**
     * The account's transactions of the day, numbered in order: the settlement first when the day has one, then the
     * ordinary ones. None before the account was opened.
     */
    List<Entry> day(Kind kind, LocalDate day) {
        Entry settlement = switch (kind) {
            case CHECKING -> CheckingDay.sweep(this, day);
            case CREDIT_CARD -> CardDay.autopay(this, day);
            case SAVINGS, INVESTMENT -> null;
        };
        List<Entry> ordinary = ordinary(kind, day);
        List<Entry> out = new ArrayList<>(ordinary.size() + 1);
        if (settlement != null) {
            out.add(settlement.numbered(1));
        }
        for (Entry entry : ordinary) {
            out.add(entry.numbered(out.size() + 1));
        }
        return out;
    }

    /** The day's transactions apart from the settlement: they never depend on an earlier settlement. */
    private List<Entry> ordinary(Kind kind, LocalDate day) {
        if (day.isBefore(member.openedOn(kind))) {
            return List.of();
        }
        long key = kind.ordinal() * 100_000_000L + day.toEpochDay();
        List<Entry> known = days.get(key);
        if (known == null) {
            known = switch (kind) {
                case CHECKING -> CheckingDay.entries(this, day);
                case SAVINGS -> savings.entries(day);
                case CREDIT_CARD -> CardDay.entries(this, day);
                case INVESTMENT -> InvestmentDay.entries(this, day);
            };
            days.put(key, known);
        }
        return known;
    }

    /**
     * The month's net effect on the account's balance apart from its settlement, which is what the next month's
     * settlement carries away. Zero before the account was opened.
     */
    BigDecimal residual(Kind kind, YearMonth month) {
        if (month.isBefore(member.openingMonth(kind))) {
            return Money.ZERO;
        }
        long key = kind.ordinal() * 10_000_000L + month.getYear() * 12L + month.getMonthValue();
        BigDecimal known = residuals.get(key);
        if (known == null) {
            known = Money.ZERO;
            for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                for (Entry entry : ordinary(kind, d)) {
                    known = known.add(entry.signed());
                }
            }
            residuals.put(key, known);
        }
        return known;
    }

    /** The balance at the end of the month, counting everything that happened in it. */
    BigDecimal closing(Kind kind, YearMonth month) {
        return switch (kind) {
            case CHECKING -> member.checkingOpening.add(residual(kind, month));
            case CREDIT_CARD -> residual(kind, month);
            case SAVINGS -> savings.closing(month);
            case INVESTMENT -> throw new IllegalArgumentException("the brokerage's balance is its holdings' value");
        };
    }

    /** The balance as of {@code today}: the month before's closing plus this month's posted transactions. */
    BigDecimal balance(Kind kind, LocalDate today) {
        LocalDate lastPosted = today.minusDays(POSTING_DAYS);
        YearMonth month = YearMonth.from(lastPosted);
        BigDecimal balance = closing(kind, month.minusMonths(1));
        for (LocalDate d = month.atDay(1); !d.isAfter(lastPosted); d = d.plusDays(1)) {
            for (Entry entry : day(kind, d)) {
                balance = balance.add(entry.signed());
            }
        }
        return balance;
    }

    /** The sum of the debits still pending on {@code today}. */
    BigDecimal pendingDebits(Kind kind, LocalDate today) {
        BigDecimal sum = Money.ZERO;
        for (int back = 0; back < POSTING_DAYS; back++) {
            for (Entry entry : day(kind, today.minusDays(back))) {
                sum = Entry.DEBIT.equals(entry.type()) ? sum.add(entry.amount()) : sum;
            }
        }
        return sum;
    }
}
