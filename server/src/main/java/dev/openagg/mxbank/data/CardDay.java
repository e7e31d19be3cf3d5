package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A day on the credit card: the member's subscriptions and phone bill on their days, two or three purchases (more at
 * weekends), a rare refund, and on the 21st the autopay of last month's charges from checking.
 */
final class CardDay {
    static final int AUTOPAY_DAY = 21;

    private CardDay() {
    }

    /** The autopay: last month's net charges, paid in full, so the card never carries interest. */
    static Entry autopay(Books books, LocalDate day) {
        if (day.getDayOfMonth() != AUTOPAY_DAY) {
            return null;
        }
        BigDecimal owed = books.residual(Kind.CREDIT_CARD, YearMonth.from(day).minusMonths(1));
        if (owed.signum() == 0) {
            return null;
        }
        return Entry.moving(Kind.CREDIT_CARD, day, owed.negate(), Transfers.creditBalanceRefund(),
                Transfers.paymentReceived());
    }

    static List<Entry> entries(Books books, LocalDate day) {
        Member member = books.member;
        Dice dice = new Dice(member.hash, Kind.CREDIT_CARD.ordinal(), day.toEpochDay());
        List<Entry> out = new ArrayList<>();
        subscriptions(member, day, dice, out);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        int count = dice.between(0, 2) + dice.between(0, 2) + (weekend ? 1 : 0);
        for (int i = 0; i < count; i++) {
            Merchant merchant = dice.pick(Merchants.CREDIT_CARD);
            out.add(Entry.debit(Kind.CREDIT_CARD, day, merchant.amount(dice, member.spending), merchant.label(dice)));
        }
        if (dice.chance(0.03)) {
            Merchant merchant = dice.pick(Merchants.CREDIT_CARD);
            Label sale = merchant.label(dice);
            out.add(Entry.credit(Kind.CREDIT_CARD, day, merchant.amount(dice, member.spending), Label.plain(
                    sale.description(), "REFUND " + sale.originalDescription(), "Returned Purchase", "Income", 0)));
        }
        return out;
    }

    /** A streaming service, maybe music and a gym, and the phone bill, each on its own day of the month. */
    private static void subscriptions(Member member, LocalDate day, Dice dice, List<Entry> out) {
        Dice fixed = new Dice(member.hash, 9);
        Merchant streaming = fixed.pick(Merchants.STREAMING);
        int streamingDay = fixed.between(1, 28);
        int musicDay = fixed.chance(0.6) ? fixed.between(1, 28) : 0;
        int gymDay = fixed.chance(0.5) ? fixed.between(1, 28) : 0;
        int phoneDay = fixed.between(1, 28);
        BigDecimal phoneBill = Merchants.MOBILE.amount(fixed, 1);
        int date = day.getDayOfMonth();
        if (date == streamingDay) {
            out.add(Entry.debit(Kind.CREDIT_CARD, day, streaming.amount(dice, 1), streaming.label(dice)));
        }
        if (date == musicDay) {
            out.add(Entry.debit(Kind.CREDIT_CARD, day, Merchants.SPOTIFY.amount(dice, 1),
                    Merchants.SPOTIFY.label(dice)));
        }
        if (date == gymDay) {
            out.add(Entry.debit(Kind.CREDIT_CARD, day, Merchants.GYM.amount(dice, 1), Merchants.GYM.label(dice)));
        }
        if (date == phoneDay) {
            out.add(Entry.debit(Kind.CREDIT_CARD, day, phoneBill, Merchants.MOBILE.label(dice)));
        }
    }
}
