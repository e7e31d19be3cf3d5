package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member's brokerage positions: three to five core positions bought when the account was opened and held since,
 * and each year a short-term lot of one stock, bought in March and sold in November (the sale is what the year's
 * proceeds and cost basis report). Distributions are paid on whatever is held on the day.
 */
final class Portfolio {
    record Position(String id, Security security, BigDecimal shares, BigDecimal purchasePrice, LocalDate boughtOn,
                    LocalDate soldOn) {
        boolean heldOn(LocalDate day) {
            return !day.isBefore(boughtOn) && (soldOn == null || day.isBefore(soldOn));
        }

        BigDecimal value(LocalDate day) {
            return Money.round(shares.multiply(security.price(day)));
        }

        BigDecimal cost() {
            return Money.round(shares.multiply(purchasePrice));
        }
    }

    /** A distribution paid to the account: a dividend, or a capital gain distribution. */
    record Payout(LocalDate day, Position position, BigDecimal amount, boolean capitalGain) {
        BigDecimal qualified() {
            return capitalGain ? Money.ZERO : Money.times(amount, position.security().qualifiedShare());
        }
    }

    private final Member member;
    private final List<Position> core;
    private final Map<Integer, Optional<Position>> lots = new HashMap<>();

    Portfolio(Member member) {
        this.member = member;
        Dice dice = new Dice(member.hash, 6);
        List<Security> picks = new ArrayList<>();
        pickDistinct(dice, Security.FUNDS, dice.between(2, 3), picks);
        pickDistinct(dice, Security.EQUITIES, dice.between(1, 2), picks);
        List<Position> positions = new ArrayList<>();
        for (Security security : picks) {
            BigDecimal price = security.price(member.openedOn);
            BigDecimal shares = BigDecimal.valueOf(dice.between(2_000, 40_000))
                    .divide(price, 3, RoundingMode.HALF_EVEN);
            positions.add(new Position("hol-" + member.hex + "-" + security.symbol().toLowerCase(), security, shares,
                    price, member.openedOn, null));
        }
        core = List.copyOf(positions);
    }

    private static void pickDistinct(Dice dice, List<Security> from, int count, List<Security> into) {
        List<Security> left = new ArrayList<>(from);
        left.removeAll(into);
        for (int i = 0; i < count && !left.isEmpty(); i++) {
            into.add(left.remove(dice.between(0, left.size() - 1)));
        }
    }

    /** The year's short-term lot, or null when the account was opened after its purchase. */
    Position lot(int year) {
        return lots.computeIfAbsent(year, y -> Optional.ofNullable(newLot(y))).orElse(null);
    }

    private Position newLot(int year) {
        Dice dice = new Dice(member.hash, 7, year);
        List<Security> candidates = new ArrayList<>(Security.EQUITIES);
        candidates.removeAll(core.stream().map(Position::security).toList());
        Security security = dice.pick(candidates);
        LocalDate boughtOn = LocalDate.of(year, 3, dice.between(9, 20));
        LocalDate soldOn = LocalDate.of(year, 11, dice.between(2, 20));
        if (boughtOn.isBefore(member.openedOn)) {
            return null;
        }
        BigDecimal shares = BigDecimal.valueOf(dice.between(5, 40)).setScale(3);
        return new Position("hol-" + member.hex + "-" + security.symbol().toLowerCase() + "-" + year, security, shares,
                security.price(boughtOn), boughtOn, soldOn);
    }

    List<Position> heldOn(LocalDate day) {
        List<Position> held = new ArrayList<>();
        for (Position position : core) {
            if (position.heldOn(day)) {
                held.add(position);
            }
        }
        Position lot = lot(day.getYear());
        if (lot != null && lot.heldOn(day)) {
            held.add(lot);
        }
        return held;
    }

    /** The core position new contributions are invested in. */
    Position mainPosition() {
        return core.get(0);
    }

    List<Payout> payouts(LocalDate day) {
        List<Payout> out = new ArrayList<>();
        for (Position position : heldOn(day)) {
            Security security = position.security();
            if (security.paysDividendOn(day)) {
                BigDecimal dividend = Money.times(position.shares(), security.dividendPerPayment());
                out.add(new Payout(day, position, dividend, false));
            }
            if (security.paysCapitalGainOn(day)) {
                BigDecimal gain = Money.times(position.shares(), security.capitalGainPerShare());
                out.add(new Payout(day, position, gain, true));
            }
        }
        return out;
    }
}
