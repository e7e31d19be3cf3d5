package dev.openagg.ofx;

import static dev.openagg.ofx.OfxElement.aggregate;
import static dev.openagg.ofx.OfxElement.leaf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The OFX request aggregates the connector sends, in the element order the specification gives. */
final class Requests {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private Requests() {
    }

    /** A whole request: the sign-on and the message sets that follow it. */
    static OfxElement ofx(OfxElement signonMessages, List<OfxElement> messageSets) {
        List<OfxElement> children = new ArrayList<>();
        children.add(signonMessages);
        children.addAll(messageSets);
        return aggregate("OFX", children);
    }

    static OfxElement signonMessages(OfxElement sonrq, boolean askChallenges, Instant now) {
        if (!askChallenges) {
            return aggregate("SIGNONMSGSRQV1", sonrq);
        }
        return aggregate("SIGNONMSGSRQV1", sonrq, aggregate("MFACHALLENGETRNRQ", trnuid(),
                aggregate("MFACHALLENGERQ", leaf("DTCLIENT", dateTime(now)))));
    }

    static OfxElement accountList() {
        return aggregate("SIGNUPMSGSRQV1", aggregate("ACCTINFOTRNRQ", trnuid(),
                aggregate("ACCTINFORQ", leaf("DTACCTUP", "19900101"))));
    }

    /** One statement request for {@code account}; {@code from} null asks for all the history the server keeps. */
    static OfxElement statement(Account account, String trnuid, boolean transactions, LocalDate from) {
        List<OfxElement> inctran = new ArrayList<>();
        if (transactions && from != null) {
            inctran.add(leaf("DTSTART", DATE.format(from)));
        }
        inctran.add(leaf("INCLUDE", transactions ? "Y" : "N"));
        OfxElement include = aggregate("INCTRAN", inctran);
        return switch (account.kind()) {
            case BANK -> aggregate("STMTTRNRQ", leaf("TRNUID", trnuid),
                    aggregate("STMTRQ", account.from(), include));
            case CREDIT_CARD -> aggregate("CCSTMTTRNRQ", leaf("TRNUID", trnuid),
                    aggregate("CCSTMTRQ", account.from(), include));
            case INVESTMENT -> aggregate("INVSTMTTRNRQ", leaf("TRNUID", trnuid),
                    aggregate("INVSTMTRQ", account.from(), include, leaf("INCOO", "N"),
                            aggregate("INCPOS", leaf("INCLUDE", "Y")), leaf("INCBAL", "Y")));
        };
    }

    /** Statement requests grouped in their message sets, in the specification's order of message sets. */
    static List<OfxElement> statementSets(List<OfxElement> bank, List<OfxElement> cards, List<OfxElement> investments) {
        List<OfxElement> sets = new ArrayList<>();
        if (!bank.isEmpty()) {
            sets.add(aggregate("BANKMSGSRQV1", bank));
        }
        if (!cards.isEmpty()) {
            sets.add(aggregate("CREDITCARDMSGSRQV1", cards));
        }
        if (!investments.isEmpty()) {
            sets.add(aggregate("INVSTMTMSGSRQV1", investments));
        }
        return sets;
    }

    static OfxElement taxForms(List<Integer> years) {
        List<OfxElement> request = new ArrayList<>();
        years.forEach(y -> request.add(leaf("TAXYEAR", String.valueOf(y))));
        return aggregate("TAX1099MSGSRQV1", aggregate("TAX1099TRNRQ", trnuid(), aggregate("TAX1099RQ", request)));
    }

    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant) + "[0:GMT]";
    }

    static OfxElement trnuid() {
        return leaf("TRNUID", newTrnuid());
    }

    static String newTrnuid() {
        return UUID.randomUUID().toString();
    }
}
