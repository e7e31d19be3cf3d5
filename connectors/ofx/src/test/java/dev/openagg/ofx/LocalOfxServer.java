package dev.openagg.ofx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OFX Direct Connect server for tests: real HTTP on a random loopback port, answering in the family of each
 * request (SGML with unclosed leaves and an unknown vendor element for 1.x, indented XML for 2.x). Every user's
 * password is {@link #PASSWORD}; the user ID picks the scenario:
 *
 * <ul>
 *   <li>{@code plain}: no MFA;</li>
 *   <li>{@code mfa_one}: one round of two questions ({@code Paris}, {@code Rex}), then an access key;</li>
 *   <li>{@code mfa_two}: that round, then a second with one question ({@code 904317}), then an access key;</li>
 *   <li>{@code locked}: status 15502;</li>
 *   <li>{@code device}: status 15510 until {@link #approve} is called with the member's CLIENTUID;</li>
 *   <li>{@code broken}: status 2000 with a message;</li>
 *   <li>{@code garbage}: an HTML page instead of OFX.</li>
 * </ul>
 *
 * Each user has a checking account, a savings account, a credit card and a brokerage account with two positions,
 * and a 1099-INT, 1099-DIV and 1099-B for each tax year asked for ({@link #interest} and friends give the amounts).
 */
public final class LocalOfxServer implements AutoCloseable {
    public static final String PASSWORD = "secret";
    public static final String ORG = "TESTBANK";
    public static final String FID = "4321";
    public static final String ROUTING = "123456780";
    public static final String BROKER = "testbank.example";
    public static final Map<String, String> ROUND_ONE = Map.of("MFA13", "Paris", "MFA16", "Rex");
    public static final Map<String, String> ROUND_TWO = Map.of("MFA21", "904317");
    public static final String CITY = "What city were you born in?";
    public static final String PET = "What was the name of your first pet?";
    public static final String CODE = "Enter the code we sent to your phone";

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<String> USERS = Set.of("plain", "mfa_one", "mfa_two", "locked", "device", "broken",
            "garbage");

    private final HttpServer http;
    private final LocalDate today;
    private final Map<String, Integer> roundsPassed = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger challengeRequests = new AtomicInteger();

    private LocalOfxServer(LocalDate today) throws IOException {
        this.today = today;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/ofx", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
    }

    /** A server whose statements are dated relative to {@code today}. */
    public static LocalOfxServer start(LocalDate today) {
        try {
            return new LocalOfxServer(today);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local OFX server", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/ofx";
    }

    /** The bank approves this CLIENTUID, as an end user does on the bank's website. */
    public void approve(String clientUid) {
        approved.add(clientUid);
    }

    /** Every access key issued so far stops working, as when they expire. */
    /** The access keys this bank has issued and still honours. */
    public Set<String> issuedKeys() {
        return Set.copyOf(keys.keySet());
    }

    public void expireKeys() {
        keys.clear();
    }

    /** The requests received so far, as sent (secrets included: for tests only). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many times a client asked for the MFA challenge. */
    public int challengeRequests() {
        return challengeRequests.get();
    }

    public static String interest(int year) {
        return "1" + (year % 100) + ".45";
    }

    public static String dividends(int year) {
        return "4" + (year % 100) + ".78";
    }

    /** The 1099-B's two sales: proceeds and cost basis of each. */
    public static final String[][] SALES = {{"1500.00", "1200.00"}, {"800.00", "950.50"}};

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            requests.add(body);
            boolean xml = body.startsWith("<?xml");
            OfxElement request = OfxParser.parse(body);
            OfxElement sonrq = request.first("SONRQ").orElseThrow();
            String user = sonrq.text("USERID").orElse("");
            if (user.equals("garbage")) {
                send(exchange, 200, "text/html", "<html><body>Down for maintenance</body></html>");
                return;
            }
            Reply reply = new Reply(xml);
            reply.open("OFX").open("SIGNONMSGSRSV1").open("SONRS");
            List<String> questions = signon(sonrq, user, request.first("MFACHALLENGERQ").isPresent(), reply);
            reply.close("SONRS");
            if (!questions.isEmpty()) {
                reply.open("MFACHALLENGETRNRS").leaf("TRNUID", request.first("MFACHALLENGETRNRQ")
                        .flatMap(t -> t.text("TRNUID")).orElse("0"));
                status(reply, 0, null);
                reply.open("MFACHALLENGERS");
                for (String id : questions) {
                    reply.open("MFACHALLENGE").leaf("MFAPHRASEID", id).leaf("MFAPHRASELABEL", label(id))
                            .close("MFACHALLENGE");
                }
                reply.close("MFACHALLENGERS").close("MFACHALLENGETRNRS");
            }
            reply.close("SIGNONMSGSRSV1");
            if (reply.signedOn) {
                messages(request, reply);
            }
            reply.close("OFX");
            send(exchange, 200, "application/x-ofx", reply.text());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "test server failed: " + e);
        }
    }

    /** Writes the sign-on status; returns the MFA phrases to send when the client asked for them. */
    private List<String> signon(OfxElement sonrq, String user, boolean askedChallenges, Reply reply) {
        if (!USERS.contains(user) || !sonrq.text("USERPASS").orElse("").equals(PASSWORD)) {
            return refuse(reply, 15500, "Invalid user ID or password.");
        }
        if (!sonrq.at("FI").flatMap(f -> f.text("ORG")).orElse("").equals(ORG)) {
            return refuse(reply, 2000, "Unknown financial institution.");
        }
        String clientUid = sonrq.text("CLIENTUID").orElse("");
        switch (user) {
            case "locked" -> {
                return refuse(reply, 15502, "Too many failed attempts: your online access is locked.");
            }
            case "broken" -> {
                return refuse(reply, 2000, "Our systems are being updated; try again tonight.");
            }
            case "device" -> {
                if (!approved.contains(clientUid)) {
                    return refuse(reply, 15510, "This application is not authorized.");
                }
            }
            default -> {
            }
        }
        List<Map<String, String>> rounds = switch (user) {
            case "mfa_one" -> List.of(ROUND_ONE);
            case "mfa_two" -> List.of(ROUND_ONE, ROUND_TWO);
            default -> List.of();
        };
        String key = sonrq.text("ACCESSKEY").or(() -> sonrq.text("ACCESSTOKEN")).orElse("");
        if (rounds.isEmpty() || user.equals(keys.get(key))) {
            return accept(reply, null);
        }
        String progress = user + "/" + clientUid;
        int passed = roundsPassed.getOrDefault(progress, 0);
        List<OfxElement> answers = sonrq.children("MFACHALLENGEA");
        if (!answers.isEmpty()) {
            Map<String, String> expected = rounds.get(passed);
            boolean right = answers.size() == expected.size() && answers.stream().allMatch(a ->
                    a.text("MFAPHRASEA").orElse("").equals(expected.get(a.text("MFAPHRASEID").orElse(""))));
            if (!right) {
                roundsPassed.remove(progress);
                return refuse(reply, 3001, "The answers do not match our records.");
            }
            passed++;
            roundsPassed.put(progress, passed);
        }
        if (passed == rounds.size()) {
            roundsPassed.remove(progress);
            String issued = UUID.randomUUID().toString();
            keys.put(issued, user);
            return accept(reply, issued);
        }
        status(reply, 3000, "Additional verification is required.");
        reply.leaf("DTSERVER", DATE.format(today)).leaf("LANGUAGE", "ENG");
        if (!askedChallenges) {
            return List.of();
        }
        challengeRequests.incrementAndGet();
        return List.copyOf(new java.util.TreeSet<>(rounds.get(passed).keySet()));
    }

    private List<String> refuse(Reply reply, int code, String message) {
        status(reply, code, message);
        reply.leaf("DTSERVER", DATE.format(today)).leaf("LANGUAGE", "ENG");
        return List.of();
    }

    private List<String> accept(Reply reply, String accessKey) {
        status(reply, 0, null);
        reply.leaf("DTSERVER", DATE.format(today) + "120000.000[-5:EST]").leaf("LANGUAGE", "ENG");
        reply.open("FI").leaf("ORG", ORG).leaf("FID", FID).close("FI");
        if (accessKey != null) {
            reply.leaf("ACCESSKEY", accessKey);
        }
        reply.leaf("INTU.BID", "00000");
        reply.signedOn = true;
        return List.of();
    }

    private static String label(String phraseId) {
        return switch (phraseId) {
            case "MFA13" -> CITY;
            case "MFA16" -> PET;
            default -> CODE;
        };
    }

    private static void status(Reply reply, int code, String message) {
        reply.open("STATUS").leaf("CODE", String.valueOf(code)).leaf("SEVERITY", code == 0 ? "INFO" : "ERROR");
        if (message != null) {
            reply.leaf("MESSAGE", message);
        }
        reply.close("STATUS");
    }

    private void messages(OfxElement request, Reply reply) {
        if (request.first("ACCTINFORQ").isPresent()) {
            accountList(request, reply);
        }
        List<OfxElement> bank = request.all("STMTTRNRQ");
        if (!bank.isEmpty()) {
            reply.open("BANKMSGSRSV1");
            bank.forEach(r -> bankStatement(r, reply, "STMTTRNRS", "STMTRS", "STMTRQ", "BANKACCTFROM"));
            reply.close("BANKMSGSRSV1");
        }
        List<OfxElement> cards = request.all("CCSTMTTRNRQ");
        if (!cards.isEmpty()) {
            reply.open("CREDITCARDMSGSRSV1");
            cards.forEach(r -> bankStatement(r, reply, "CCSTMTTRNRS", "CCSTMTRS", "CCSTMTRQ", "CCACCTFROM"));
            reply.close("CREDITCARDMSGSRSV1");
        }
        List<OfxElement> investments = request.all("INVSTMTTRNRQ");
        if (!investments.isEmpty()) {
            reply.open("INVSTMTMSGSRSV1");
            investments.forEach(r -> investmentStatement(r, reply));
            reply.close("INVSTMTMSGSRSV1");
            securities(reply);
        }
        request.first("TAX1099RQ").ifPresent(r -> taxForms(request, r, reply));
    }

    private void accountList(OfxElement request, Reply reply) {
        reply.open("SIGNUPMSGSRSV1").open("ACCTINFOTRNRS")
                .leaf("TRNUID", request.first("ACCTINFOTRNRQ").flatMap(t -> t.text("TRNUID")).orElse("0"));
        status(reply, 0, null);
        reply.open("ACCTINFORS").leaf("DTACCTUP", DATE.format(today));
        bankAccount(reply, "Everyday Checking", "1001", "CHECKING");
        bankAccount(reply, "High Yield Savings", "1002", "SAVINGS");
        reply.open("ACCTINFO").leaf("DESC", "Rewards Visa").open("CCACCTINFO")
                .open("CCACCTFROM").leaf("ACCTID", "4111111111111111").close("CCACCTFROM")
                .leaf("SUPTXDL", "Y").leaf("XFERSRC", "N").leaf("XFERDEST", "N").leaf("SVCSTATUS", "ACTIVE")
                .close("CCACCTINFO").close("ACCTINFO");
        reply.open("ACCTINFO").leaf("DESC", "Brokerage").open("INVACCTINFO")
                .open("INVACCTFROM").leaf("BROKERID", BROKER).leaf("ACCTID", "5555").close("INVACCTFROM")
                .leaf("USPRODUCTTYPE", "NORMAL").leaf("CHECKING", "N").leaf("SVCSTATUS", "ACTIVE")
                .leaf("INVACCTTYPE", "INDIVIDUAL").close("INVACCTINFO").close("ACCTINFO");
        reply.open("ACCTINFO").leaf("DESC", "Closed Checking").open("BANKACCTINFO")
                .open("BANKACCTFROM").leaf("BANKID", ROUTING).leaf("ACCTID", "0999").leaf("ACCTTYPE", "CHECKING")
                .close("BANKACCTFROM").leaf("SUPTXDL", "N").leaf("XFERSRC", "N").leaf("XFERDEST", "N")
                .leaf("SVCSTATUS", "CLOSED").close("BANKACCTINFO").close("ACCTINFO");
        reply.close("ACCTINFORS").close("ACCTINFOTRNRS").close("SIGNUPMSGSRSV1");
    }

    private static void bankAccount(Reply reply, String description, String number, String type) {
        reply.open("ACCTINFO").leaf("DESC", description).open("BANKACCTINFO")
                .open("BANKACCTFROM").leaf("BANKID", ROUTING).leaf("ACCTID", number).leaf("ACCTTYPE", type)
                .close("BANKACCTFROM").leaf("SUPTXDL", "Y").leaf("XFERSRC", "Y").leaf("XFERDEST", "Y")
                .leaf("SVCSTATUS", "ACTIVE").close("BANKACCTINFO").close("ACCTINFO");
    }

    /** A statement's transactions: date offset in days before today, type, amount, id, name. */
    private record Txn(int daysAgo, String type, String amount, String fitid, String name) {
    }

    private List<Txn> transactions(String account) {
        return switch (account) {
            case "1001" -> List.of(new Txn(3, "DEBIT", "-42.10", "C-1", "Corner Grocer"),
                    new Txn(15, "DIRECTDEP", "2500.00", "C-2", "ACME Payroll"),
                    new Txn(40, "FEE", "-5.00", "C-3", "Monthly service fee"),
                    new Txn(200, "CHECK", "-120.00", "C-4", "Check 1042"),
                    new Txn(400, "DEBIT", "-18.75", "C-5", "Bookshop"));
            case "1002" -> List.of(new Txn(30, "INT", "3.21", "S-1", "Interest"),
                    new Txn(150, "INT", "3.02", "S-2", "Interest"));
            default -> List.of(new Txn(5, "DEBIT", "-63.99", "V-1", "Online store"),
                    new Txn(20, "PAYMENT", "200.00", "V-2", "Payment, thank you"),
                    new Txn(120, "DEBIT", "-12.00", "V-3", "Coffee"));
        };
    }

    private static final Map<String, String[]> BALANCES = Map.of(
            "1001", new String[] {"2332.90", "2300.00"},
            "1002", new String[] {"10250.55", "10250.55"},
            "4111111111111111", new String[] {"-463.99", "4536.01"});

    private void bankStatement(OfxElement trnrq, Reply reply, String trnrs, String stmtrs, String stmtrq,
                               String fromName) {
        OfxElement from = trnrq.first(fromName).orElseThrow();
        String account = from.text("ACCTID").orElse("");
        reply.open(trnrs).leaf("TRNUID", trnrq.text("TRNUID").orElse("0"));
        if (!BALANCES.containsKey(account)) {
            status(reply, 2003, "Account not found.");
            reply.close(trnrs);
            return;
        }
        status(reply, 0, null);
        reply.open(stmtrs).leaf("CURDEF", "USD").open(fromName);
        from.children().forEach(c -> reply.leaf(c.name(), c.value()));
        reply.close(fromName);
        OfxElement inctran = trnrq.first("INCTRAN").orElseThrow();
        if (inctran.text("INCLUDE").orElse("N").equals("Y")) {
            LocalDate start = inctran.text("DTSTART").map(d -> LocalDate.parse(d.substring(0, 8), DATE))
                    .orElse(today.minusYears(10));
            reply.open("BANKTRANLIST").leaf("DTSTART", DATE.format(start)).leaf("DTEND", DATE.format(today));
            for (Txn t : transactions(account)) {
                LocalDate posted = today.minusDays(t.daysAgo());
                if (posted.isBefore(start)) {
                    continue;
                }
                reply.open("STMTTRN").leaf("TRNTYPE", t.type()).leaf("DTPOSTED", DATE.format(posted) + "120000")
                        .leaf("TRNAMT", t.amount()).leaf("FITID", t.fitid()).leaf("NAME", t.name())
                        .close("STMTTRN");
            }
            reply.close("BANKTRANLIST");
        }
        String[] balances = BALANCES.get(account);
        reply.open("LEDGERBAL").leaf("BALAMT", balances[0]).leaf("DTASOF", DATE.format(today)).close("LEDGERBAL");
        reply.open("AVAILBAL").leaf("BALAMT", balances[1]).leaf("DTASOF", DATE.format(today)).close("AVAILBAL");
        reply.close(stmtrs).close(trnrs);
    }

    private void investmentStatement(OfxElement trnrq, Reply reply) {
        reply.open("INVSTMTTRNRS").leaf("TRNUID", trnrq.text("TRNUID").orElse("0"));
        status(reply, 0, null);
        reply.open("INVSTMTRS").leaf("DTASOF", DATE.format(today)).leaf("CURDEF", "USD")
                .open("INVACCTFROM").leaf("BROKERID", BROKER).leaf("ACCTID", "5555").close("INVACCTFROM");
        OfxElement inctran = trnrq.first("INCTRAN").orElseThrow();
        if (inctran.text("INCLUDE").orElse("N").equals("Y")) {
            reply.open("INVTRANLIST").leaf("DTSTART", DATE.format(today.minusDays(90)))
                    .leaf("DTEND", DATE.format(today));
            reply.open("INCOME").open("INVTRAN").leaf("FITID", "I-1").leaf("DTTRADE", DATE.format(today.minusDays(10)))
                    .leaf("MEMO", "Dividend VTSAX").close("INVTRAN")
                    .open("SECID").leaf("UNIQUEID", "922908728").leaf("UNIQUEIDTYPE", "CUSIP").close("SECID")
                    .leaf("INCOMETYPE", "DIV").leaf("TOTAL", "31.40").leaf("SUBACCTSEC", "CASH")
                    .leaf("SUBACCTFUND", "CASH").close("INCOME");
            reply.open("INVBANKTRAN").open("STMTTRN").leaf("TRNTYPE", "CREDIT")
                    .leaf("DTPOSTED", DATE.format(today.minusDays(12))).leaf("TRNAMT", "1000.00")
                    .leaf("FITID", "I-2").leaf("NAME", "Transfer in").close("STMTTRN")
                    .leaf("SUBACCTFUND", "CASH").close("INVBANKTRAN");
            reply.close("INVTRANLIST");
        }
        reply.open("INVPOSLIST");
        position(reply, "POSSTOCK", "037833100", "10", "190.00", "1900.00");
        position(reply, "POSMF", "922908728", "25.5", "110.20", "2810.10");
        reply.close("INVPOSLIST");
        reply.open("INVBAL").leaf("AVAILCASH", "500.00").leaf("MARGINBALANCE", "0.00").leaf("SHORTBALANCE", "0.00")
                .close("INVBAL");
        reply.close("INVSTMTRS").close("INVSTMTTRNRS");
    }

    private static void position(Reply reply, String kind, String cusip, String units, String price, String value) {
        reply.open(kind).open("INVPOS").open("SECID").leaf("UNIQUEID", cusip).leaf("UNIQUEIDTYPE", "CUSIP")
                .close("SECID").leaf("HELDINACCT", "CASH").leaf("POSTYPE", "LONG").leaf("UNITS", units)
                .leaf("UNITPRICE", price).leaf("MKTVAL", value).leaf("DTPRICEASOF", "20240101")
                .close("INVPOS").close(kind);
    }

    private static void securities(Reply reply) {
        reply.open("SECLISTMSGSRSV1").open("SECLIST");
        reply.open("STOCKINFO").open("SECINFO").open("SECID").leaf("UNIQUEID", "037833100")
                .leaf("UNIQUEIDTYPE", "CUSIP").close("SECID").leaf("SECNAME", "Apple Inc.").leaf("TICKER", "AAPL")
                .close("SECINFO").close("STOCKINFO");
        reply.open("MFINFO").open("SECINFO").open("SECID").leaf("UNIQUEID", "922908728")
                .leaf("UNIQUEIDTYPE", "CUSIP").close("SECID")
                .leaf("SECNAME", "Vanguard Total Stock Market Index Fund Admiral").leaf("TICKER", "VTSAX")
                .close("SECINFO").close("MFINFO");
        reply.close("SECLIST").close("SECLISTMSGSRSV1");
    }

    private void taxForms(OfxElement request, OfxElement rq, Reply reply) {
        reply.open("TAX1099MSGSRSV1").open("TAX1099TRNRS")
                .leaf("TRNUID", request.first("TAX1099TRNRQ").flatMap(t -> t.text("TRNUID")).orElse("0"));
        status(reply, 0, null);
        reply.open("TAX1099RS");
        List<Integer> years = new ArrayList<>();
        rq.children("TAXYEAR").forEach(y -> years.add(Integer.parseInt(y.value().trim())));
        for (int year : years) {
            reply.open("TAX1099INT_V100").leaf("SRVRTID", "INT-" + year).leaf("TAXYEAR", String.valueOf(year))
                    .leaf("INTINCOME", interest(year)).leaf("FEDTAXWH", "0.00");
            parties(reply);
            reply.close("TAX1099INT_V100");
            reply.open("TAX1099DIV_V100").leaf("SRVRTID", "DIV-" + year).leaf("TAXYEAR", String.valueOf(year))
                    .leaf("ORDDIV", dividends(year)).leaf("QUALIFIEDDIV", "400.00").leaf("TOTCAPGAIN", "50.25");
            parties(reply);
            reply.close("TAX1099DIV_V100");
            reply.open("TAX1099B_V100").leaf("SRVRTID", "B-" + year).leaf("TAXYEAR", String.valueOf(year))
                    .open("EXTDBINFO_V100");
            for (String[] sale : SALES) {
                reply.open("PROCDET_V100").leaf("DTACQD", (year - 1) + "0301").leaf("DTSALE", year + "0615")
                        .leaf("SECNAME", "Apple Inc.").leaf("NUMSHRS", "5").leaf("COSTBASIS", sale[1])
                        .leaf("SALESPR", sale[0]).leaf("LONGSHORT", "LONG").close("PROCDET_V100");
            }
            reply.close("EXTDBINFO_V100");
            parties(reply);
            reply.close("TAX1099B_V100");
        }
        reply.close("TAX1099RS").close("TAX1099TRNRS").close("TAX1099MSGSRSV1");
    }

    private static void parties(Reply reply) {
        reply.open("PAYERADDR").leaf("PAYERNAME1", "Test Bank N.A.").leaf("ADDR1", "1 Ledger Plaza")
                .leaf("CITY", "Springfield").leaf("STATE", "IL").leaf("POSTALCODE", "62701").close("PAYERADDR")
                .leaf("PAYERID", "36-1234567")
                .open("RECADDR").leaf("RECNAME1", "Jordan Example").leaf("ADDR1", "22 Elm Street")
                .leaf("CITY", "Springfield").leaf("STATE", "IL").leaf("POSTALCODE", "62704").close("RECADDR")
                .leaf("RECID", "123-45-6789").leaf("RECACCT", "5555");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The reply being written: 1.x SGML leaves stay unclosed, 2.x XML is indented and closed. */
    private static final class Reply {
        private final boolean xml;
        private final StringBuilder text = new StringBuilder();
        private int depth;
        boolean signedOn;

        Reply(boolean xml) {
            this.xml = xml;
            if (xml) {
                text.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                        .append("<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\""
                                + " NEWFILEUID=\"NONE\"?>\n");
            } else {
                text.append("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n")
                        .append("CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n");
            }
        }

        Reply open(String name) {
            indent().append('<').append(name).append(">\n");
            depth++;
            return this;
        }

        Reply close(String name) {
            depth--;
            indent().append("</").append(name).append(">\n");
            return this;
        }

        Reply leaf(String name, String value) {
            indent().append('<').append(name).append('>').append(escape(value));
            if (xml) {
                text.append("</").append(name).append('>');
            }
            text.append('\n');
            return this;
        }

        private StringBuilder indent() {
            return text.append(xml ? "  ".repeat(depth) : "");
        }

        private static String escape(String value) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        String text() {
            return text.toString();
        }
    }

    /** The phrase ids of a round in the order the server sends them. */
    static List<String> phrases(Map<String, String> round) {
        return List.copyOf(new java.util.TreeSet<>(round.keySet()));
    }

    /** An answer's value for the phrase with this label. */
    public static Optional<String> answerFor(String label) {
        return switch (label) {
            case CITY -> Optional.of(ROUND_ONE.get("MFA13"));
            case PET -> Optional.of(ROUND_ONE.get("MFA16"));
            case CODE -> Optional.of(ROUND_TWO.get("MFA21"));
            default -> Optional.empty();
        };
    }
}
