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
import java.util.List;
import java.util.function.Function;

/**
 * Custom Scenario Bank: a member scripts itself. Its {@code PASSWORD} holds one login rule as JSON
 * ({@code {"steps": [...], "outcome": ..., "data": ...}}), read afresh on every call, so a test needs to register
 * nothing. A password that is not a valid rule ends the job FAILED with the problems found.
 */
public final class CustomScenario implements Connector {
    public static final String CODE = "custom_scenario";
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

    private Step run(JobContext context, Function<ScenarioConnector, Step> call) {
        String password = context.credential("PASSWORD");
        JsonNode rule;
        try {
            rule = ScenarioText.parse(password == null ? "" : password, "password.json");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return new Step.Failed(ConnectionStatus.FAILED, "The password is not a scenario: it is not valid JSON"
                    + where + ".");
        }
        ScenarioReader.Result result = ScenarioReader.readLogin(rule, INFO);
        if (result instanceof ScenarioReader.Result.Invalid invalid) {
            return new Step.Failed(ConnectionStatus.FAILED, "The scenario in the password is invalid: "
                    + String.join("; ", invalid.problems()));
        }
        return call.apply(new ScenarioConnector(((ScenarioReader.Result.Valid) result).scenario(), harvest));
    }
}
