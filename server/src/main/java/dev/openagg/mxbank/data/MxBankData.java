package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data of MX Bank, the test institution, for one member: four accounts (checking, savings, a credit card and a
 * brokerage), their transactions, holdings, owners and tax figures. Everything is a pure function of the member seed
 * and the dates asked for: nothing is stored, and the same question always gets the same answer.
 *
 * <p>A transaction depends only on the member and the day it happens, so overlapping windows agree on it; it is
 * PENDING on the day it happens and the next, and POSTED (with the same id) from two days later. An account's balance
 * is its opening balance plus every posted transaction since it was opened (see {@link Books} for how that stays
 * cheap), except the brokerage's, which is its holdings' market value plus cash.
 */
public final class MxBankData {
    public static final String CURRENCY = "USD";
    /** MX Bank's routing number: invented, but with a valid ABA check digit. */
    public static final String ROUTING_NUMBER = "123456780";
    public static final String PAYER_NAME = "MX Bank";
    public static final String PAYER_TIN = "12-3456789";
    public static final String PAYER_ADDRESS = "100 Sandbox Way";
    public static final String PAYER_CITY = "Lehi";
    public static final String PAYER_STATE = "UT";
    public static final String PAYER_POSTAL_CODE = "84043";
    private static final String COUNTRY = "US";

    /** The member's four accounts as of {@code today}, in the order checking, savings, credit card, brokerage. */
    public List<BankAccount> accounts(String memberSeed, LocalDate today) {
        Member member = Member.of(memberSeed);
        Books books = new Books(member);
        List<BankAccount> out = new ArrayList<>(4);
        for (Kind kind : Kind.values()) {
            BigDecimal balance;
            BigDecimal available;
            BigDecimal rate;
            switch (kind) {
                case CHECKING, SAVINGS -> {
                    balance = books.balance(kind, today);
                    available = balance.subtract(books.pendingDebits(kind, today));
                    rate = kind == Kind.CHECKING ? member.checkingApy : member.savingsApy;
                }
                case CREDIT_CARD -> {
                    balance = books.balance(kind, today);
                    available = member.creditLimit.subtract(balance).subtract(books.pendingDebits(kind, today));
                    rate = member.cardApr;
                }
                default -> {
                    balance = member.brokerageCash;
                    for (BankHolding holding : holdings(member, books.portfolio, today)) {
                        balance = balance.add(holding.marketValue());
                    }
                    available = member.brokerageCash;
                    rate = null;
                }
            }
            boolean deposit = kind == Kind.CHECKING || kind == Kind.SAVINGS;
            out.add(new BankAccount(member.accountId(kind), kind.title, kind.type, kind.subtype,
                    Transfers.number(kind, member), deposit ? ROUTING_NUMBER : null, balance, available,
                    kind == Kind.CREDIT_CARD ? member.creditLimit : null, rate, member.openedOn(kind), CURRENCY));
        }
        return out;
    }

    /**
     * Every account's transactions that happened from {@code from} to {@code today}, both included, as they stand
     * on {@code today}; in date order, and within a day by account and place.
     */
    public List<BankTransaction> transactions(String memberSeed, LocalDate from, LocalDate today) {
        Member member = Member.of(memberSeed);
        Books books = new Books(member);
        List<BankTransaction> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            for (Kind kind : Kind.values()) {
                for (Entry entry : books.day(kind, d)) {
                    out.add(entry.asOf(member, today));
                }
            }
        }
        return out;
    }

    /** The brokerage's positions as of {@code today}, priced that day. */
    public List<BankHolding> holdings(String memberSeed, LocalDate today) {
        Member member = Member.of(memberSeed);
        return holdings(member, new Portfolio(member), today);
    }

    private static List<BankHolding> holdings(Member member, Portfolio portfolio, LocalDate today) {
        List<BankHolding> out = new ArrayList<>();
        for (Portfolio.Position position : portfolio.heldOn(today)) {
            Security security = position.security();
            BigDecimal value = position.value(today);
            BigDecimal yesterday = position.value(today.minusDays(1));
            out.add(new BankHolding(position.id(), member.accountId(Kind.INVESTMENT), security.symbol(),
                    security.name(), security.cusip(), security.holdingType(), position.shares(),
                    position.purchasePrice(), position.cost(), value, value.subtract(yesterday), CURRENCY));
        }
        out.sort(Comparator.comparing(BankHolding::symbol));
        return out;
    }

    /** One owner per account: the member, with their address and contact details. */
    public List<BankOwner> owners(String memberSeed) {
        Member member = Member.of(memberSeed);
        List<BankOwner> out = new ArrayList<>(4);
        for (Kind kind : Kind.values()) {
            out.add(new BankOwner(member.accountId(kind), member.fullName(), member.firstName, member.lastName,
                    member.street, member.city.name(), member.city.state(), member.city.postalCode(), COUNTRY,
                    member.email, member.phone));
        }
        return out;
    }

    /** The tax year's figures for checking, savings and the brokerage, in that order. */
    public List<YearlyIncome> income(String memberSeed, int taxYear) {
        return Taxes.of(Member.of(memberSeed), taxYear);
    }

    /** The holder and the payer, as tax forms name them. */
    public BankProfile profile(String memberSeed) {
        Member member = Member.of(memberSeed);
        return new BankProfile(member.fullName(), member.firstName, member.lastName, member.street,
                member.city.name(), member.city.state(), member.city.postalCode(), COUNTRY,
                "***-**-" + member.ssnLast4, PAYER_NAME, PAYER_TIN, PAYER_ADDRESS, PAYER_CITY, PAYER_STATE,
                PAYER_POSTAL_CODE);
    }
}
