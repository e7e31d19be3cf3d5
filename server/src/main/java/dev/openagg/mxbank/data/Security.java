package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A security MX Bank's brokerage holds, with a made-up but steady price path and its distributions. The price on a
 * day is the same for every member: a trend from {@code basePrice} on 2020-01-01, two slow waves and a little daily
 * noise, all functions of the symbol and the day.
 *
 * @param annualDividend dividends a share pays in a year, paid quarterly, or monthly when {@code monthly}
 * @param qualifiedShare the part of the dividends that is qualified for tax purposes
 * @param capitalGainPerShare the December capital gain distribution per share
 */
record Security(String symbol, String name, String cusip, String holdingType, double basePrice, double growth,
                double volatility, double annualDividend, boolean monthly, double qualifiedShare,
                double capitalGainPerShare) {
    static final String EQUITY = "EQUITY";
    static final String ETF = "EXCHANGE_TRADED_FUND";
    static final String MUTUAL_FUND = "MUTUAL_FUND";
    private static final long BASE_DAY = LocalDate.of(2020, 1, 1).toEpochDay();
    static final int CAPITAL_GAIN_DAY = 18;

    static final List<Security> FUNDS = List.of(
            new Security("VTI", "Vanguard Total Stock Market ETF", "922908769", ETF,
                    162.40, 0.09, 0.07, 3.30, false, 0.95, 0),
            new Security("VOO", "Vanguard S&P 500 ETF", "922908363", ETF,
                    296.10, 0.10, 0.07, 6.05, false, 0.97, 0),
            new Security("BND", "Vanguard Total Bond Market ETF", "921937835", ETF,
                    83.90, -0.01, 0.02, 2.55, true, 0, 0),
            new Security("VXUS", "Vanguard Total International Stock ETF", "921909768", ETF,
                    56.20, 0.04, 0.08, 1.95, false, 0.70, 0),
            new Security("SCHD", "Schwab U.S. Dividend Equity ETF", "808524797", ETF,
                    57.80, 0.06, 0.06, 2.45, false, 1.0, 0),
            new Security("VTSAX", "Vanguard Total Stock Market Index Fund Admiral Shares", "922908728", MUTUAL_FUND,
                    80.50, 0.09, 0.07, 1.60, false, 0.95, 0.12),
            new Security("VBTLX", "Vanguard Total Bond Market Index Fund Admiral Shares", "921937603", MUTUAL_FUND,
                    11.05, -0.01, 0.02, 0.33, true, 0, 0.04));

    static final List<Security> EQUITIES = List.of(
            stock("AAPL", "Apple Inc.", "037833100", 74.35, 0.17, 0.12, 0.96),
            stock("MSFT", "Microsoft Corporation", "594918104", 160.60, 0.16, 0.10, 3.00),
            stock("JNJ", "Johnson & Johnson", "478160104", 145.85, 0.01, 0.06, 4.76),
            stock("KO", "The Coca-Cola Company", "191216100", 55.35, 0.03, 0.06, 1.84),
            stock("PG", "The Procter & Gamble Company", "742718109", 124.70, 0.05, 0.06, 3.76),
            stock("HD", "The Home Depot, Inc.", "437076102", 218.00, 0.09, 0.09, 8.36));

    /** A common stock: quarterly dividends, all qualified, no capital gain distributions. */
    private static Security stock(String symbol, String name, String cusip, double basePrice, double growth,
                                  double volatility, double annualDividend) {
        return new Security(symbol, name, cusip, EQUITY, basePrice, growth, volatility, annualDividend, false, 1.0, 0);
    }

    BigDecimal price(LocalDate day) {
        double years = (day.toEpochDay() - BASE_DAY) / 365.25;
        long seed = symbol.hashCode();
        double phase = Math.floorMod(seed, 1000) / 1000.0;
        double wave = 1 + volatility * (0.6 * Math.sin(2 * Math.PI * (1.3 * years + phase))
                + 0.4 * Math.sin(2 * Math.PI * (4.7 * years + 2 * phase)));
        double noise = 1 + volatility * 0.2 * (2 * new Dice(seed, day.toEpochDay()).unit() - 1);
        return Money.of(basePrice * Math.exp(growth * years) * wave * noise);
    }

    /** The day of the month this security pays its dividends on. */
    int payDay() {
        return 5 + Math.floorMod(symbol.hashCode(), 20);
    }

    /** Whether a dividend is paid on this day: every month, or in March, June, September and December. */
    boolean paysDividendOn(LocalDate day) {
        return annualDividend > 0 && day.getDayOfMonth() == payDay() && (monthly || day.getMonthValue() % 3 == 0);
    }

    boolean paysCapitalGainOn(LocalDate day) {
        return capitalGainPerShare > 0 && day.getMonthValue() == 12 && day.getDayOfMonth() == CAPITAL_GAIN_DAY;
    }

    double dividendPerPayment() {
        return annualDividend / (monthly ? 12 : 4);
    }
}
