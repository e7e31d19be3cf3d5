package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;

/**
 * Everything about one MX Bank customer that does not change from day to day, drawn once from the member seed: who
 * they are, when their accounts were opened, what they earn and pay, and their account numbers.
 */
final class Member {
    /** The earliest opening date; accounts open within six years of it, so every member has years of history. */
    private static final LocalDate FIRST_OPENING = LocalDate.of(2014, 1, 6);

    final long hash;
    final String hex;
    final String firstName;
    final String lastName;
    final String street;
    final People.City city;
    final String email;
    final String phone;
    final String ssnLast4;
    final String employer;
    final String landlord;

    final LocalDate openedOn;
    final LocalDate cardOpenedOn;
    final BigDecimal grossPay;
    final BigDecimal rent;
    final double spending;
    final BigDecimal checkingOpening;
    final BigDecimal savingsOpening;
    final BigDecimal savingsTransfer;
    final BigDecimal brokerageCash;
    final BigDecimal creditLimit;
    final BigDecimal checkingApy;
    final BigDecimal savingsApy;
    final BigDecimal cardApr;
    final String checkingNumber;
    final String savingsNumber;
    final String cardNumber;
    final String brokerageNumber;

    private Member(String seed) {
        hash = Dice.hash(seed);
        hex = HexFormat.of().formatHex(Dice.sha256(seed)).substring(0, 12);
        Dice dice = new Dice(hash, 1);
        firstName = dice.pick(People.FIRST_NAMES);
        lastName = dice.pick(People.LAST_NAMES);
        street = dice.between(100, 9899) + " " + dice.pick(People.STREETS);
        city = dice.pick(People.CITIES);
        email = (firstName + "." + lastName).toLowerCase() + dice.between(10, 99) + "@example.com";
        phone = "(" + city.areaCode() + ") 555-01" + dice.digits(2);
        ssnLast4 = String.valueOf(dice.between(1000, 9999));
        employer = dice.pick(People.EMPLOYERS);
        landlord = dice.pick(People.LANDLORDS);

        openedOn = FIRST_OPENING.plusDays(dice.between(0, 6 * 365));
        cardOpenedOn = openedOn.plusDays(dice.between(20, 400));
        grossPay = Money.of(dice.between(2400, 4800) + dice.between(0, 99) / 100.0);
        BigDecimal monthlyNet = Payroll.paycheck(grossPay).net().multiply(BigDecimal.valueOf(2));
        rent = monthlyNet.multiply(BigDecimal.valueOf(0.25 + dice.unit() * 0.05)).divide(BigDecimal.valueOf(25), 0,
                RoundingMode.HALF_EVEN).multiply(BigDecimal.valueOf(25)).setScale(2);
        spending = monthlyNet.doubleValue() / 10_000.0;
        checkingOpening = rent.add(dice.money(1500, 4000));
        savingsOpening = dice.money(2000, 20000);
        savingsTransfer = Money.of(Math.round(monthlyNet.doubleValue() * (0.03 + dice.unit() * 0.04) / 25) * 25);
        brokerageCash = dice.money(100, 2500);
        creditLimit = Money.of(dice.between(16, 40) * 500);
        checkingApy = new BigDecimal("0.10");
        savingsApy = BigDecimal.valueOf(dice.between(350, 450), 2);
        cardApr = BigDecimal.valueOf(dice.between(1799, 2699), 2);
        checkingNumber = "4" + dice.digits(9);
        savingsNumber = "7" + dice.digits(9);
        cardNumber = luhn("4" + dice.digits(14));
        brokerageNumber = "X" + dice.digits(8);
    }

    static Member of(String seed) {
        return new Member(seed);
    }

    String accountId(Kind kind) {
        return "act-" + hex + "-" + kind.suffix;
    }

    LocalDate openedOn(Kind kind) {
        return kind == Kind.CREDIT_CARD ? cardOpenedOn : openedOn;
    }

    YearMonth openingMonth(Kind kind) {
        return YearMonth.from(openedOn(kind));
    }

    String fullName() {
        return firstName + " " + lastName;
    }

    /** The digits followed by their Luhn check digit, as card numbers have. */
    static String luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
