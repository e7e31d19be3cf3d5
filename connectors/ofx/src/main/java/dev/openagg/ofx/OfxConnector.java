package dev.openagg.ofx;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.AccountNumberData;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.HoldingData;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.connector.Step;
import dev.openagg.connector.TransactionData;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One institution that serves OFX Direct Connect. Each call signs on afresh (OFX has no session to keep); when the
 * institution answers the sign-on with status 3000 it asks for the challenge, and the job shows one TEXT challenge
 * per MFA phrase. The state between calls is only the phrase ids of the open round, which are not secret; the
 * answers and the password travel in the call, never in the state.
 */
final class OfxConnector implements Connector {
    static final String LOGIN = "LOGIN";
    static final String PASSWORD = "PASSWORD";
    /** How far back an aggregation reads statements. */
    static final int AGGREGATION_DAYS = 90;

    private static final Logger LOG = LoggerFactory.getLogger(OfxConnector.class);

    private final OfxInstitution institution;
    private final OfxClient client;
    private final InstitutionInfo info;

    OfxConnector(OfxInstitution institution) {
        this.institution = institution;
        this.client = new OfxClient(institution);
        this.info = new InstitutionInfo(institution.code(), institution.name(), institution.url().toString(),
                "Sign in with the user ID and password you use for " + institution.name()
                        + " in personal-finance or tax software (Direct Connect).",
                List.of(new CredentialField(guid("LOGIN"), LOGIN, "User ID", "LOGIN", 1),
                        new CredentialField(guid("PASSWORD"), PASSWORD, "Password", "PASSWORD", 2)),
                false, false, true, true, true);
    }

    /** Stable credential guids, derived from the institution's code and the field. */
    private String guid(String field) {
        return "CRD-" + UUID.nameUUIDFromBytes(("openagg-ofx:" + institution.code() + ":" + field)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InstitutionInfo institution() {
        return info;
    }

    @Override
    public Step start(JobContext context) {
        return run(context, new Session(institution, client, context, List.of()), false);
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        List<String> phrases = context.state() == null || context.state().isEmpty()
                ? List.of() : List.of(context.state().split("\n"));
        if (phrases.size() != answers.size()) {
            return new Step.Failed(ConnectionStatus.FAILED, "The security questions changed; please try again.");
        }
        List<Session.PhraseAnswer> given = new ArrayList<>();
        for (int i = 0; i < phrases.size(); i++) {
            given.add(new Session.PhraseAnswer(phrases.get(i), answers.get(i).value()));
        }
        return run(context, new Session(institution, client, context, given), true);
    }

    private Step run(JobContext context, Session session, boolean answering) {
        try {
            Harvest harvest = fetch(context, session);
            return new Step.Succeeded(harvest, session.toKeep());
        } catch (Session.Refused refused) {
            if (refused.code == 3000) {
                return challenge(session);
            }
            return failure(refused, answering);
        } catch (OfxClient.Unreachable e) {
            LOG.info("OFX exchange with {} failed: {}", institution.code(), e.getMessage());
            return new Step.Failed(ConnectionStatus.FAILED, e.getMessage());
        }
    }

    private Step challenge(Session session) {
        OfxElement reply;
        try {
            reply = session.askChallenges();
        } catch (Session.Refused refused) {
            return failure(refused, false);
        }
        List<OfxElement> phrases = reply.all("MFACHALLENGE");
        if (phrases.isEmpty()) {
            return new Step.Failed(ConnectionStatus.FAILED, institution.name()
                    + " asked for extra verification but sent no question.");
        }
        List<Challenge> challenges = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (OfxElement phrase : phrases) {
            String id = phrase.text("MFAPHRASEID").orElse("");
            ids.add(id);
            challenges.add(Challenge.text(phrase.text("MFAPHRASELABEL").orElse("Security question " + id)));
        }
        return new Step.Challenged(challenges, String.join("\n", ids));
    }

    /** OFX's sign-on statuses in MX's terms; the institution's own message is shown when it gave one. */
    private Step failure(Session.Refused refused, boolean answering) {
        String said = refused.institutionMessage;
        return switch (refused.code) {
            case 15500 -> new Step.Failed(ConnectionStatus.DENIED, said);
            case 15502 -> new Step.Failed(ConnectionStatus.LOCKED, said);
            case 15510 -> new Step.Failed(ConnectionStatus.IMPEDED, institution.name() + " has not yet approved"
                    + " this connection. Approve the new device or application at " + institution.name()
                    + " (on its website, or by phone), then try again.");
            case 3001 -> answering
                    ? new Step.Failed(ConnectionStatus.REJECTED, said)
                    : new Step.Failed(ConnectionStatus.FAILED, said);
            default -> new Step.Failed(ConnectionStatus.FAILED, said != null ? said
                    : institution.name() + " refused the request (OFX status " + refused.code + ").");
        };
    }

    private Harvest fetch(JobContext context, Session session) {
        LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        if (context.kind() == JobKind.TAX_DOCUMENTS) {
            OfxElement reply = session.send(List.of(Requests.taxForms(List.of(today.getYear() - 2,
                    today.getYear() - 1))));
            reply.all("TAX1099TRNRS").forEach(this::requireOk);
            return Harvest.builder().taxDocuments(TaxForms.documents(reply, today)).build();
        }
        OfxElement list = session.send(List.of(Requests.accountList()));
        list.all("ACCTINFOTRNRS").forEach(this::requireOk);
        List<Account> accounts = Statements.accounts(list);
        boolean transactions = context.kind() == JobKind.AGGREGATE || context.kind() == JobKind.HISTORY;
        LocalDate from = context.kind() == JobKind.AGGREGATE ? today.minusDays(AGGREGATION_DAYS) : null;

        Map<String, Account> byTrnuid = new HashMap<>();
        List<OfxElement> bank = new ArrayList<>();
        List<OfxElement> cards = new ArrayList<>();
        List<OfxElement> investments = new ArrayList<>();
        for (Account account : accounts) {
            String trnuid = Requests.newTrnuid();
            byTrnuid.put(trnuid, account);
            OfxElement request = Requests.statement(account, trnuid, transactions, from);
            switch (account.kind()) {
                case BANK -> bank.add(request);
                case CREDIT_CARD -> cards.add(request);
                case INVESTMENT -> investments.add(request);
            }
        }
        List<AccountData> accountData = new ArrayList<>();
        List<TransactionData> transactionData = new ArrayList<>();
        List<HoldingData> holdings = new ArrayList<>();
        if (!accounts.isEmpty()) {
            OfxElement reply = session.send(Requests.statementSets(bank, cards, investments));
            for (String wrapper : List.of("STMTTRNRS", "CCSTMTTRNRS", "INVSTMTTRNRS")) {
                for (OfxElement trnrs : reply.all(wrapper)) {
                    Account account = byTrnuid.get(trnrs.text("TRNUID").orElse(""));
                    if (account == null) {
                        continue;
                    }
                    requireOk(trnrs);
                    OfxElement statement = trnrs.children().stream()
                            .filter(c -> c.name().endsWith("STMTRS")).findFirst()
                            .orElseThrow(() -> new OfxClient.Unreachable(institution.name()
                                    + " sent a statement response without a statement.", null));
                    accountData.add(Statements.account(account, statement));
                    transactionData.addAll(Statements.transactions(account, statement));
                    holdings.addAll(Statements.holdings(account, statement, reply));
                }
            }
        }
        Harvest.Builder harvest = Harvest.builder().accounts(accountData);
        switch (context.kind()) {
            case AGGREGATE -> harvest.transactions(transactionData).holdings(holdings);
            case HISTORY -> harvest.transactions(transactionData);
            case VERIFICATION -> harvest.accountNumbers(accounts.stream()
                    .filter(a -> a.kind() == Account.Kind.BANK)
                    .filter(a -> accountData.stream().anyMatch(d -> d.sourceId().equals(a.sourceId())))
                    .map(a -> new AccountNumberData(a.sourceId(), a.accountId(),
                            a.from().text("BANKID").orElse(institution.bankId())))
                    .toList());
            default -> {
                // check_balance: the accounts and their balances only.
            }
        }
        return harvest.build();
    }

    /** A message's own status: anything but success fails the job with the institution's message. */
    private void requireOk(OfxElement transactionReply) {
        int code = Session.code(transactionReply);
        if (code != 0 && code != 1) {
            throw new Session.Refused(code, Session.message(transactionReply));
        }
    }
}
