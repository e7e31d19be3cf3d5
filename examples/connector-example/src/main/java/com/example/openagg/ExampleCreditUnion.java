package com.example.openagg;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.util.List;
import java.util.Optional;

/**
 * Example Credit Union: a made-up institution that shows the whole contract. Every job signs in with the member
 * number and password ({@code secret} is right), asks where to send a one-time code (text or email), then asks for
 * the code ({@code 123456}), and brings back one checking account. It offers aggregation, balances and account
 * verification, and nothing else.
 *
 * <p>The connector keeps nothing between calls: after the first challenge the state string says where the code
 * went ({@code sent:sms}); {@link #resume} reads it back. Version 1 of this connector wrote just {@code otp}: a job
 * stored by it is upgraded by {@link #upgradeState}.
 */
public final class ExampleCreditUnion implements Connector {
    static final String CODE = "example_cu";
    static final String PASSWORD = "secret";
    static final String ONE_TIME_CODE = "123456";

    private static final InstitutionInfo INSTITUTION = new InstitutionInfo(CODE, "Example Credit Union",
            "https://cu.example.com", "Sign in with your member number and password.",
            List.of(new CredentialField("CRD-7e1a0c52-3f7b-4d2e-9a61-0c1d2e3f4a51", "LOGIN", "Member number", "TEXT", 1),
                    new CredentialField("CRD-7e1a0c52-3f7b-4d2e-9a61-0c1d2e3f4a52", "PASSWORD", "Password", "PASSWORD", 2)),
            false, false, true, false, false);

    private final Accounts accounts = new Accounts();

    @Override
    public InstitutionInfo institution() {
        return INSTITUTION;
    }

    @Override
    public Step start(JobContext context) {
        if (!PASSWORD.equals(context.credential("PASSWORD"))) {
            return new Step.Failed(ConnectionStatus.DENIED, "The member number or password is not right.");
        }
        return new Step.Challenged(List.of(Challenge.options(ChallengeType.OPTIONS, "Where should we send your code?",
                List.of(ChallengeOption.of("Text (555) ***-0101", "sms"),
                        ChallengeOption.of("Email m***@example.com", "email")))), "choose");
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        String answer = answers.get(0).value();
        String state = String.valueOf(context.state());
        if (state.equals("choose")) {
            if (!answer.equals("sms") && !answer.equals("email")) {
                return new Step.Failed(ConnectionStatus.REJECTED);
            }
            String where = answer.equals("sms") ? "your phone" : "your email";
            return new Step.Challenged(List.of(Challenge.token("Enter the code we sent to " + where)), "sent:" + answer);
        }
        if (!ONE_TIME_CODE.equals(answer)) {
            return new Step.Failed(ConnectionStatus.REJECTED, "That code is not right. Please start again.");
        }
        return new Step.Succeeded(accounts.harvest(context));
    }

    /** Version 2 names where the code was sent; version 1's {@code otp} meant a text message. */
    @Override
    public int stateVersion() {
        return 2;
    }

    @Override
    public Optional<String> upgradeState(int storedVersion, String state) {
        return storedVersion == 1 && "otp".equals(state) ? Optional.of("sent:sms") : Optional.empty();
    }
}
