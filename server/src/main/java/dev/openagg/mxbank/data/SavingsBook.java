package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The savings account: a fixed transfer from checking on the 3rd of every month after the opening month, and interest
 * credited on the last day of the month at the account's APY (a twelfth of it, on the balance after the transfer).
 * There are no random flows, so the month-end balances are a short loop from the opening month.
 */
final class SavingsBook {
    static final int TRANSFER_DAY = 3;

    private final Member member;
    private final YearMonth opening;
    private final List<BigDecimal> closings = new ArrayList<>();

    SavingsBook(Member member) {
        this.member = member;
        this.opening = member.openingMonth(Kind.SAVINGS);
        closings.add(member.savingsOpening);
    }

    /** The month's transfer from checking: none in the opening month. */
    BigDecimal transfer(YearMonth month) {
        return month.isAfter(opening) ? member.savingsTransfer : Money.ZERO;
    }

    BigDecimal interest(YearMonth month) {
        if (!month.isAfter(opening)) {
            return Money.ZERO;
        }
        BigDecimal base = closing(month.minusMonths(1)).add(transfer(month));
        return base.multiply(member.savingsApy).divide(BigDecimal.valueOf(1200), 2, RoundingMode.HALF_EVEN);
    }

    /** The balance at the end of the month; the opening balance before the account was opened. */
    BigDecimal closing(YearMonth month) {
        int index = (int) Math.max(0, opening.until(month, ChronoUnit.MONTHS));
        while (closings.size() <= index) {
            YearMonth next = opening.plusMonths(closings.size());
            BigDecimal previous = closings.get(closings.size() - 1);
            closings.add(previous.add(transfer(next)).add(interest(next)));
        }
        return closings.get(index);
    }

    List<Entry> entries(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        List<Entry> out = new ArrayList<>(1);
        if (day.getDayOfMonth() == TRANSFER_DAY && transfer(month).signum() > 0) {
            out.add(Entry.credit(Kind.SAVINGS, day, transfer(month),
                    Transfers.from(Kind.CHECKING, member, Label.RECURRING)));
        }
        if (day.equals(month.atEndOfMonth()) && interest(month).signum() > 0) {
            out.add(Entry.credit(Kind.SAVINGS, day, interest(month), Transfers.interest()));
        }
        return out;
    }
}
