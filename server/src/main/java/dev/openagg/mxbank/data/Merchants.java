package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Merchant.AUTO;
import static dev.openagg.mxbank.data.Merchant.BILLS;
import static dev.openagg.mxbank.data.Merchant.ENTERTAINMENT;
import static dev.openagg.mxbank.data.Merchant.FOOD;
import static dev.openagg.mxbank.data.Merchant.HEALTH;
import static dev.openagg.mxbank.data.Merchant.SHOPPING;
import static dev.openagg.mxbank.data.Merchant.bill;
import static dev.openagg.mxbank.data.Merchant.purchase;
import static dev.openagg.mxbank.data.Merchant.subscription;

import java.util.List;

/** Where MX Bank's customers shop. A merchant listed twice is picked twice as often. */
final class Merchants {
    /** Everyday purchases with the checking account's debit card: small and frequent. */
    static final List<Merchant> DEBIT_CARD = List.of(
            purchase("Starbucks", "POS DEBIT STARBUCKS STORE %d", "Coffee Shops", FOOD, "5814", 3.45, 8.95),
            purchase("Starbucks", "POS DEBIT STARBUCKS STORE %d", "Coffee Shops", FOOD, "5814", 3.45, 8.95),
            purchase("Dunkin'", "POS DEBIT DUNKIN #%d", "Coffee Shops", FOOD, "5814", 2.99, 7.50),
            purchase("McDonald's", "POS DEBIT MCDONALD'S F%d", "Fast Food", FOOD, "5814", 5.49, 15.80),
            purchase("Chipotle", "POS DEBIT CHIPOTLE %d", "Fast Food", FOOD, "5814", 9.25, 21.40),
            purchase("Kroger", "POS DEBIT KROGER #%d", "Groceries", FOOD, "5411", 12.00, 85.00),
            purchase("Trader Joe's", "POS DEBIT TRADER JOE S #%d", "Groceries", FOOD, "5411", 14.00, 78.00),
            purchase("Shell", "POS DEBIT SHELL OIL %d", "Gas", AUTO, "5541", 24.00, 58.00),
            purchase("Walgreens", "POS DEBIT WALGREENS #%d", "Pharmacy", HEALTH, "5912", 5.99, 38.00),
            purchase("ParkMobile", "POS DEBIT PARKMOBILE %d", "Parking", AUTO, "7523", 2.00, 14.00));

    /** Purchases on the credit card: groceries, gas, restaurants, shopping, rides. */
    static final List<Merchant> CREDIT_CARD = List.of(
            purchase("Whole Foods", "WHOLEFDS MKT #%d", "Groceries", FOOD, "5411", 18.00, 140.00),
            purchase("Safeway", "SAFEWAY #%d", "Groceries", FOOD, "5411", 15.00, 120.00),
            purchase("Costco", "COSTCO WHSE #%d", "Groceries", FOOD, "5300", 45.00, 210.00),
            purchase("Chevron", "CHEVRON %d", "Gas", AUTO, "5541", 28.00, 66.00),
            purchase("Olive Garden", "OLIVE GARDEN %d", "Restaurants", FOOD, "5812", 24.00, 88.00),
            purchase("The Corner Bistro", "SQ *THE CORNER BISTRO", "Restaurants", FOOD, "5812", 16.00, 72.00),
            purchase("DoorDash", "DOORDASH*DASHPASS %d", "Fast Food", FOOD, "5814", 14.00, 48.00),
            purchase("Amazon", "AMZN Mktp US*%d", SHOPPING, SHOPPING, "5942", 7.99, 129.00),
            purchase("Amazon", "AMZN Mktp US*%d", SHOPPING, SHOPPING, "5942", 7.99, 129.00),
            purchase("Target", "TARGET %d", SHOPPING, SHOPPING, "5310", 9.00, 110.00),
            purchase("Uber", "UBER *TRIP %d", "Rental Car & Taxi", "Travel", "4121", 8.50, 38.00),
            purchase("The Home Depot", "THE HOME DEPOT #%d", "Home Improvement", "Home", "5200", 6.00, 160.00),
            purchase("CVS Pharmacy", "CVS/PHARMACY #%d", "Pharmacy", HEALTH, "5912", 4.99, 42.00),
            purchase("Regal Cinemas", "REGAL CINEMAS %d", "Movies & DVDs", ENTERTAINMENT, "7832", 12.00, 44.00));

    /** The member's streaming service: one of these, charged to the card every month. */
    static final List<Merchant> STREAMING = List.of(
            subscription("Netflix", "NETFLIX.COM", "Movies & DVDs", ENTERTAINMENT, "4899", 15.49),
            subscription("Hulu", "HULU 877-8244858", "Television", BILLS, "4899", 17.99),
            subscription("Disney+", "DISNEY PLUS", "Movies & DVDs", ENTERTAINMENT, "4899", 13.99));

    static final Merchant SPOTIFY = subscription("Spotify", "SPOTIFY USA", "Music", ENTERTAINMENT, "5815", 11.99);
    static final Merchant GYM = subscription("Planet Fitness", "PLANET FITNESS CLUB %d", "Gym", HEALTH, "7997", 24.99);
    static final Merchant MOBILE = bill("Verizon Wireless", "VZWRLSS*APOCC VISB", "Mobile Phone", BILLS, "4814",
            65.00, 95.00);

    /** Bills paid from checking by bill pay. */
    static final Merchant ELECTRIC = bill("City Power & Light", "BILL PAY CITY POWER & LIGHT", "Utilities", BILLS,
            "4900", 55.00, 140.00);
    static final Merchant WATER = bill("Municipal Water Utility", "BILL PAY MUNICIPAL WATER UTIL", "Utilities", BILLS,
            "4900", 28.00, 64.00);
    static final Merchant INTERNET = bill("Xfinity", "BILL PAY COMCAST XFINITY", "Internet", BILLS, "4899", 79.99,
            79.99);
    static final Merchant CAR_INSURANCE = bill("GEICO", "GEICO *AUTO", "Auto Insurance", AUTO, "6300", 96.00, 164.00);
    static final Merchant ATM_FEE = new Merchant("ATM Fee", "NON-MX BANK ATM FEE", "ATM Fee", "Fees & Charges", null,
            2.50, 3.50, Label.EXPENSE | Label.FEE);

    private Merchants() {
    }
}
