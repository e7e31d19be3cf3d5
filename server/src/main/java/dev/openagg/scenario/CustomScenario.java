package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.institution.CredentialRules;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Custom Scenario Bank: a member scripts itself. Its {@code PASSWORD} holds one login rule as JSON
 * ({@code {"steps": [...], "outcome": ..., "data": ...}}), read afresh on every call, so a test needs to register
 * nothing. A password that is not a valid rule is refused when the member is created or its credentials change.
 */
public final class CustomScenario implements Connector, CredentialRules {
    public static final String CODE = "custom_scenario";
    private static final String PASSWORD = "PASSWORD";
    private static final InstitutionInfo INFO = new InstitutionInfo(CODE, "Custom Scenario Bank",
            "https://openagg.dev/scenarios",
            "Any username; put a login rule as JSON in the password, for example {\"outcome\": \"LOCKED\"}.",
            List.of(new CredentialField("CRD-5a0c3e1b-7f2d-4c8e-9b61-2d4f8a7c3e01", "LOGIN", "Username", "TEXT", 1),
                    new CredentialField("CRD-5a0c3e1b-7f2d-4c8e-9b61-2d4f8a7c3e02", "PASSWORD", "Scenario (JSON)",
                            "PASSWORD", 2)),
            true, true, true, true, true);

    private final ScenarioHarvest harvest = new ScenarioHarvest();

    @Override
    public InstitutionInfo institution() {
        return INFO;
    }

    @Override
    public Step start(JobContext context) {
        return run(context, connector -> connector.start(context));
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        return run(context, connector -> connector.resume(context, answers));
    }

    /** Refuses, before the member is saved, a password that is not a valid login rule; names each problem. */
    @Override
    public List<String> problems(Map<String, String> credentials) {
        if (!credentials.containsKey(PASSWORD)) {
            return List.of();
        }
        return read(credentials.get(PASSWORD)) instanceof ScenarioReader.Result.Invalid invalid
                ? invalid.problems().stream().map(p -> "credential " + PASSWORD + " holds an invalid scenario: " + p)
                .toList() : List.of();
    }

    /**
     * Members are checked when their password is saved; one saved before that check still ends FAILED with its
     * problems.
     */
    private Step run(JobContext context, Function<ScenarioConnector, Step> call) {
        ScenarioReader.Result result = read(context.credential(PASSWORD));
        if (result instanceof ScenarioReader.Result.Invalid invalid) {
            return new Step.Failed(ConnectionStatus.FAILED, "The scenario in the password is invalid: "
                    + String.join("; ", invalid.problems()));
        }
        return call.apply(new ScenarioConnector(((ScenarioReader.Result.Valid) result).scenario(), harvest));
    }

    /** The login rule in the password; JSON that does not parse is named by its column only, never quoted. */
    private static ScenarioReader.Result read(String password) {
        JsonNode rule;
        try {
            rule = ScenarioText.parse(password == null ? "" : password, "password.json");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return new ScenarioReader.Result.Invalid(List.of("$: not valid JSON" + where));
        }
        return ScenarioReader.readLogin(rule, INFO);
    }
}
