package dev.openagg.mxbank;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.scenario.BuiltInScenario;
import java.util.List;

/**
 * MX Bank, the test institution of MX's guides: username {@code mxuser}, and the password picks what happens (the
 * README's table). It is a scenario, the file {@code scenarios/mxbank.json} in the jar; the answer
 * {@value #RIGHT_ANSWER} is always right.
 */
public final class MxBankConnector implements Connector {
    public static final String CODE = "mxbank";
    public static final String RIGHT_ANSWER = "correct";
    /** The phones the {@code options} password offers to send a code to. */
    public static final List<String> PHONES = List.of("(555) ***-**12", "(555) ***-**34");

    private final Connector scenario = BuiltInScenario.load("mxbank.json");

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
}
