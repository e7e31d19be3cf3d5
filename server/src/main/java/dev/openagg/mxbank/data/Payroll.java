package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The member's pay: semi-monthly, on the 15th and the last day of the month (the Friday before when that is a
 * weekend), with a 3% raise every calendar year after the accounts were opened. The deposit is the net pay.
 */
final class Payroll {
    private static final double FEDERAL = 0.12;
    private static final double SOCIAL_SECURITY_AND_MEDICARE = 0.0765;
    private static final double STATE = 0.04;
    private static final double RAISE = 1.03;

    record Paycheck(BigDecimal gross, BigDecimal federalWithheld, BigDecimal net) {
    }

    private Payroll() {
    }

    /** The member's paycheck in the year: the starting gross pay with that year's raises. */
    static Paycheck of(Member member, int year) {
        int raises = Math.max(0, year - member.openedOn.getYear());
        return paycheck(Money.times(member.grossPay, Math.pow(RAISE, raises)));
    }

    /** The deductions from a gross paycheck, and what is left to deposit. */
    static Paycheck paycheck(BigDecimal gross) {
        BigDecimal federal = Money.times(gross, FEDERAL);
        BigDecimal net = gross.subtract(federal)
                .subtract(Money.times(gross, SOCIAL_SECURITY_AND_MEDICARE))
                .subtract(Money.times(gross, STATE));
        return new Paycheck(gross, federal, net);
    }

    static boolean isPayday(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return day.equals(businessDayOnOrBefore(month.atDay(15)))
                || day.equals(businessDayOnOrBefore(month.atEndOfMonth()));
    }

    private static LocalDate businessDayOnOrBefore(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY) {
            return day.minusDays(1);
        }
        return weekday == DayOfWeek.SUNDAY ? day.minusDays(2) : day;
    }
}
