package dev.openagg.mxbank;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MX Bank, the test institution: username {@code mxuser}, and the password picks the scenario (see the README's
 * table). The answer {@code correct} is always right. The scenario's progress is the step state
 * {@code <scenario>:<round>}; nothing is remembered between calls.
 */
public final class MxBankConnector implements Connector {
    public static final String CODE = "mxbank";
    public static final String USERNAME = "mxuser";
    public static final String RIGHT_ANSWER = "correct";
    static final Duration DELAY = Duration.ofSeconds(2);

    private static final InstitutionInfo INFO = new InstitutionInfo(CODE, "MX Bank", "https://www.mx.com",
            "Sign in with username mxuser; the password chooses the test scenario.",
            List.of(new CredentialField("CRD-1ec75c4c-4d35-4a8b-8e2a-3b2e5f9b6a01", "LOGIN", "Username", "TEXT", 1),
                    new CredentialField("CRD-9d2f7a3e-8c41-4f6b-a0d5-6e1c2b7f4a02", "PASSWORD", "Password", "PASSWORD", 2)),
            true, true, true, true, true);

    /**
     * Passwords that end the job at once, as MX Bank's documented error passwords do, with MX's external message
     * for each (IMPEDED is an OpenAgg addition and shows MX's standard message).
     */
    private static final Map<String, Step.Failed> FAILURES = Map.of(
            "BAD_REQUEST", new Step.Failed(ConnectionStatus.FAILED, "You must fill out the username and password fields."),
            "UNAUTHORIZED", new Step.Failed(ConnectionStatus.DENIED, "Invalid credentials."),
            "INVALID", new Step.Failed(ConnectionStatus.DENIED, "The login and/or password are invalid."),
            "LOCKED", new Step.Failed(ConnectionStatus.LOCKED, "The credentials are valid, but the user is locked."),
            "DISABLED", new Step.Failed(ConnectionStatus.DISABLED, "The credentials are valid, but the user is locked."),
            "IMPEDED", new Step.Failed(ConnectionStatus.IMPEDED),
            "SERVER_ERROR", new Step.Failed(ConnectionStatus.FAILED, "Internal server error."),
            "UNAVAILABLE", new Step.Failed(ConnectionStatus.DEGRADED, "Service is Unavailable."));

    static final List<String> PHONES = List.of("(555) ***-**12", "(555) ***-**34");

    private final MxBankHarvest harvest = new MxBankHarvest();

    @Override
    public InstitutionInfo institution() {
        return INFO;
    }

    @Override
    public Step start(JobContext context) {
        if (!USERNAME.equals(context.credential("LOGIN"))) {
            return new Step.Failed(ConnectionStatus.DENIED);
        }
        String password = String.valueOf(context.credential("PASSWORD"));
        Step.Failed failure = FAILURES.get(password);
        if (failure != null) {
            return failure;
        }
        return switch (password) {
            case "challenge" -> new Step.Challenged(List.of(Challenge.text("What city were you born in?")), "challenge:1");
            case "challenge_twice" -> new Step.Challenged(List.of(Challenge.text("What city were you born in?")), "challenge_twice:1");
            case "token" -> new Step.Challenged(List.of(Challenge.token("Enter the one-time code from your authenticator app")), "token:1");
            case "options" -> new Step.Challenged(List.of(Challenge.options(ChallengeType.OPTIONS,
                    "Where should we send your one-time code?",
                    PHONES.stream().map(p -> ChallengeOption.of("Text me at " + p, p)).toList())), "options:1");
            case "image" -> new Step.Challenged(List.of(Challenge.image("Type the word shown in the picture",
                    Pictures.word(RIGHT_ANSWER))), "image:1");
            case "image_options" -> new Step.Challenged(List.of(Challenge.options(ChallengeType.IMAGE_OPTIONS,
                    "Choose the picture of the green circle", Pictures.shapeOptions(RIGHT_ANSWER))), "image_options:1");
            case "DELAYED" -> context.state() == null ? new Step.Delayed(DELAY, "delayed:1") : success(context);
            default -> success(context);
        };
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        String value = answers.get(0).value();
        Step.Failed failure = FAILURES.get(value);
        if (failure != null) {
            return failure;
        }
        String state = String.valueOf(context.state());
        if (state.equals("options:1")) {
            return PHONES.contains(value) || RIGHT_ANSWER.equals(value)
                    ? new Step.Challenged(List.of(Challenge.token("Enter the code we sent to " + value)), "options:2")
                    : rejected();
        }
        if (!RIGHT_ANSWER.equals(value)) {
            return rejected();
        }
        if (state.equals("challenge_twice:1")) {
            return new Step.Challenged(List.of(Challenge.text("What was the name of your first pet?")), "challenge_twice:2");
        }
        return success(context);
    }

    private static Step rejected() {
        return new Step.Failed(ConnectionStatus.REJECTED);
    }

    private Step success(JobContext context) {
        return new Step.Succeeded(harvest.of(context));
    }
}
