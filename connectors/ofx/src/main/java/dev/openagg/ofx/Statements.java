package dev.openagg.ofx;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.TransactionData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the statement replies of one account into OpenAgg's accounts, transactions and holdings. */
final class Statements {
    private static final Set<String> INCOME = Set.of("CREDIT", "INT", "DIV", "DIRECTDEP", "DEP");
    private static final Set<String> POSITIONS = Set.of("POSSTOCK", "POSMF", "POSDEBT", "POSOPT", "POSOTHER");

    private Statements() {
    }

    /** The account list's usable accounts: bank, card and investment accounts that are active. */
    static List<Account> accounts(OfxElement reply) {
        List<Account> accounts = new ArrayList<>();
        for (OfxElement info : reply.all("ACCTINFO")) {
            String description = info.text("DESC").orElse(null);
            info.child("BANKACCTINFO").filter(Statements::active).flatMap(i -> i.child("BANKACCTFROM"))
                    .ifPresent(from -> accounts.add(new Account(Account.Kind.BANK, from, description)));
            info.child("CCACCTINFO").filter(Statements::active).flatMap(i -> i.child("CCACCTFROM"))
                    .ifPresent(from -> accounts.add(new Account(Account.Kind.CREDIT_CARD, from, description)));
            info.child("INVACCTINFO").filter(Statements::active).flatMap(i -> i.child("INVACCTFROM"))
                    .ifPresent(from -> accounts.add(new Account(Account.Kind.INVESTMENT, from, description)));
        }
        return accounts;
    }

    private static boolean active(OfxElement info) {
        return info.text("SVCSTATUS").map(s -> s.equals("ACTIVE")).orElse(true);
    }

    /** The account as its statement ({@code STMTRS}, {@code CCSTMTRS} or {@code INVSTMTRS}) shows it. */
    static AccountData account(Account account, OfxElement statement) {
        String currency = statement.text("CURDEF").orElse("USD");
        String number = account.accountId();
        String name = Optional.ofNullable(account.description()).orElse(defaultName(account));
        return switch (account.kind()) {
            case BANK -> {
                String type = account.from().text("ACCTTYPE").orElse("CHECKING");
                yield new AccountData(account.sourceId(), name, bankType(type), bankSubtype(type),
                        Values.masked(number), account.from().text("BANKID").orElse(null),
                        balance(statement, "LEDGERBAL").orElse(null), balance(statement, "AVAILBAL").orElse(null),
                        null, null, null, currency);
            }
            // OFX gives a card's balance as a negative amount when money is owed; MX shows what is owed.
            case CREDIT_CARD -> new AccountData(account.sourceId(), name, "CREDIT_CARD", null, Values.masked(number),
                    null, balance(statement, "LEDGERBAL").map(BigDecimal::negate).orElse(null),
                    balance(statement, "AVAILBAL").orElse(null), null, null, null, currency);
            case INVESTMENT -> {
                BigDecimal cash = statement.child("INVBAL").flatMap(b -> Values.amount(b, "AVAILCASH"))
                        .orElse(BigDecimal.ZERO.setScale(2));
                BigDecimal positions = positions(statement).stream()
                        .map(p -> Values.amount(p.child("INVPOS").orElse(p), "MKTVAL")
                                .orElse(BigDecimal.ZERO.setScale(2)))
                        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
                yield new AccountData(account.sourceId(), name, "INVESTMENT", null, Values.masked(number), null,
                        cash.add(positions), cash, null, null, null, currency);
            }
        };
    }

    private static String defaultName(Account account) {
        String kind = switch (account.kind()) {
            case BANK -> account.from().text("ACCTTYPE").map(t -> t.charAt(0) + t.substring(1).toLowerCase(Locale.ROOT))
                    .orElse("Bank account");
            case CREDIT_CARD -> "Credit card";
            case INVESTMENT -> "Investment account";
        };
        String number = account.accountId();
        return kind + " " + (number.length() > 4 ? number.substring(number.length() - 4) : number);
    }

    private static String bankType(String ofxType) {
        return switch (ofxType) {
            case "SAVINGS", "MONEYMRKT", "CD" -> "SAVINGS";
            case "CREDITLINE" -> "LINE_OF_CREDIT";
            default -> "CHECKING";
        };
    }

    private static String bankSubtype(String ofxType) {
        return switch (ofxType) {
            case "MONEYMRKT" -> "MONEY_MARKET";
            case "CD" -> "CERTIFICATE_OF_DEPOSIT";
            default -> null;
        };
    }

    private static Optional<BigDecimal> balance(OfxElement statement, String which) {
        return statement.child(which).flatMap(b -> Values.amount(b, "BALAMT"));
    }

    /** Posted transactions of a bank or card statement, and the cash transactions of an investment statement. */
    static List<TransactionData> transactions(Account account, OfxElement statement) {
        List<TransactionData> transactions = new ArrayList<>();
        for (OfxElement list : statement.children("BANKTRANLIST")) {
            list.children("STMTTRN").forEach(t -> transactions.add(bankTransaction(account, t)));
        }
        for (OfxElement list : statement.children("INVTRANLIST")) {
            for (OfxElement t : list.children()) {
                if (t.name().equals("INVBANKTRAN")) {
                    t.child("STMTTRN").ifPresent(s -> transactions.add(bankTransaction(account, s)));
                } else if (t.child("INVTRAN").isPresent() || t.first("INVTRAN").isPresent()) {
                    investmentTransaction(account, t).ifPresent(transactions::add);
                }
            }
        }
        return transactions;
    }

    private static TransactionData bankTransaction(Account account, OfxElement t) {
        String trnType = t.text("TRNTYPE").orElse("OTHER");
        BigDecimal amount = Values.amount(t, "TRNAMT").orElse(BigDecimal.ZERO.setScale(2));
        LocalDate posted = Values.date(t, "DTPOSTED").orElseThrow(() ->
                new OfxClient.Unreachable("The institution sent a transaction without a date.", null));
        LocalDate transacted = Values.date(t, "DTUSER").orElse(posted);
        String name = t.text("NAME").or(() -> t.text("PAYEEID")).orElse(trnType);
        String memo = t.text("MEMO").orElse(null);
        String fitid = t.text("FITID").orElseThrow(() ->
                new OfxClient.Unreachable("The institution sent a transaction without an id (FITID).", null));
        boolean credit = amount.signum() >= 0;
        return new TransactionData(Values.sourceId(account.sourceId() + ":" + fitid), account.sourceId(), transacted,
                posted, "POSTED", credit ? "CREDIT" : "DEBIT", amount.abs(), name,
                memo == null ? name : name + " " + memo, null, null, null,
                credit && INCOME.contains(trnType), !credit, trnType.equals("FEE") || trnType.equals("SRVCHG"), false,
                trnType.equals("PAYMENT") && !credit, trnType.equals("DIRECTDEP"), trnType.equals("REPEATPMT"), false);
    }

    private static Optional<TransactionData> investmentTransaction(Account account, OfxElement t) {
        OfxElement inv = t.first("INVTRAN").orElseThrow();
        Optional<String> fitid = inv.text("FITID");
        Optional<BigDecimal> total = Values.amount(t, "TOTAL").or(() -> t.first("TOTAL").flatMap(x ->
                Optional.ofNullable(x.value()).map(Values::amount)));
        Optional<LocalDate> traded = Values.date(inv, "DTTRADE");
        if (fitid.isEmpty() || total.isEmpty() || traded.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal amount = total.get();
        String description = inv.text("MEMO").orElse(t.name());
        boolean credit = amount.signum() >= 0;
        return Optional.of(new TransactionData(Values.sourceId(account.sourceId() + ":" + fitid.get()),
                account.sourceId(), traded.get(), Values.date(inv, "DTSETTLE").orElse(traded.get()), "POSTED",
                credit ? "CREDIT" : "DEBIT", amount.abs(), description, description, null, null, null,
                credit && t.name().equals("INCOME"), false, false, false, false, false, false, false));
    }

    /** The positions of an investment statement, named from the security list the reply carries. */
    static List<HoldingData> holdings(Account account, OfxElement statement, OfxElement reply) {
        Map<String, OfxElement> securities = new HashMap<>();
        for (OfxElement secinfo : reply.all("SECINFO")) {
            secinfo.child("SECID").flatMap(id -> id.text("UNIQUEID")).ifPresent(id -> securities.put(id, secinfo));
        }
        String currency = statement.text("CURDEF").orElse("USD");
        List<HoldingData> holdings = new ArrayList<>();
        for (OfxElement position : positions(statement)) {
            OfxElement pos = position.child("INVPOS").orElse(position);
            Optional<OfxElement> secid = pos.child("SECID");
            String id = secid.flatMap(s -> s.text("UNIQUEID")).orElse(null);
            if (id == null) {
                continue;
            }
            String idType = secid.flatMap(s -> s.text("UNIQUEIDTYPE")).orElse("");
            Optional<OfxElement> security = Optional.ofNullable(securities.get(id));
            BigDecimal units = pos.text("UNITS").map(u -> new BigDecimal(u.trim().replace(',', '.'))).orElse(null);
            holdings.add(new HoldingData(Values.sourceId(account.sourceId() + ":" + id), account.sourceId(),
                    security.flatMap(s -> s.text("TICKER")).orElse(null),
                    security.flatMap(s -> s.text("SECNAME")).orElse(id),
                    idType.equals("CUSIP") ? id : null, holdingType(position.name()), units,
                    Values.amount(pos, "UNITPRICE").orElse(null), null, Values.amount(pos, "MKTVAL").orElse(null),
                    null, currency));
        }
        return holdings;
    }

    private static List<OfxElement> positions(OfxElement statement) {
        return statement.child("INVPOSLIST").map(l -> l.children().stream()
                .filter(p -> POSITIONS.contains(p.name())).toList()).orElse(List.of());
    }

    private static String holdingType(String position) {
        return switch (position) {
            case "POSSTOCK" -> "EQUITY";
            case "POSMF" -> "MUTUAL_FUND";
            case "POSDEBT" -> "BOND";
            case "POSOPT" -> "OPTIONS";
            default -> "UNKNOWN_TYPE";
        };
    }
}
