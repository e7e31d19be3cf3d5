package dev.openagg.mxbank;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.scenario.BuiltInScenario;
import dev.openagg.scenario.ScenarioConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MX Bank, the test institution of MX's guides: username {@code mxuser}, and the password picks what happens (the
 * README's table). It is a scenario, the file {@code scenarios/mxbank.json} in the jar; the answer
 * {@value #RIGHT_ANSWER} is always right.
 *
 * <p>Its state version is 2: version 1 was a hand-written connector whose states were {@code <password>:<round>}
 * ({@code challenge:1}, {@code options:2}, {@code delayed:1}, ...). A job that waited across the upgrade is moved
 * to the same place in the scenario.
 */
public final class MxBankConnector implements Connector {
    public static final String CODE = "mxbank";
    public static final String RIGHT_ANSWER = "correct";
    /** The one username MX Bank knows. */
    public static final String USERNAME = "mxuser";
    /** The phones the {@code options} password offers to send a code to. */
    public static final List<String> PHONES = List.of("(555) ***-**12", "(555) ***-**34");

    private static final Pattern VERSION_1_STATE = Pattern.compile("([a-z_]+):([12])");

    private final ScenarioConnector scenario = BuiltInScenario.load("mxbank.json");

    @Override
    public InstitutionInfo institution() {
        return scenario.institution();
    }

    @Override
    public Step start(JobContext context) {
        return scenario.start(context);
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        return scenario.resume(context, answers);
    }

    @Override
    public int stateVersion() {
        return 2;
    }

    /** Version 1's {@code <password>:<round>}: round n waited on step n - 1; {@code delayed:1} had passed its pause. */
    @Override
    public Optional<String> upgradeState(int storedVersion, String state) {
        Matcher old = VERSION_1_STATE.matcher(String.valueOf(state));
        if (storedVersion != 1 || !old.matches()) {
            return Optional.empty();
        }
        boolean delayed = old.group(1).equals("delayed");
        String password = delayed ? "DELAYED" : old.group(1);
        int step = delayed ? 1 : Integer.parseInt(old.group(2)) - 1;
        return scenario.stateAt(Map.of("LOGIN", USERNAME, "PASSWORD", password), step);
    }
}
