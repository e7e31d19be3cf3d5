package dev.openagg.scenario;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import dev.openagg.institution.ConsentOutcomes;
import dev.openagg.scenario.Scenario.AnswerOutcome;
import dev.openagg.scenario.Scenario.Flow;
import dev.openagg.scenario.Scenario.Login;
import dev.openagg.scenario.Scenario.Outcome;
import dev.openagg.scenario.Scenario.WrongAnswer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a {@link Scenario} as a connector. It only chooses: which login rule and flow a job follows, whether answers
 * are right, and how the job ends; everything else (answer matching, expiry, PREVENTED, storage) is the engine's.
 * Its progress lives in the step state ({@link ScenarioState}).
 */
public final class ScenarioConnector implements Connector, ConsentOutcomes {
    static final String CHANGED = "This institution's test scenario changed during the connection. Please try again.";

    private final Scenario scenario;
    private final ScenarioHarvest harvest;

    public ScenarioConnector(Scenario scenario) {
        this(scenario, new ScenarioHarvest());
    }

    ScenarioConnector(Scenario scenario, ScenarioHarvest harvest) {
        this.scenario = scenario;
        this.harvest = harvest;
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public InstitutionInfo institution() {
        return scenario.institution();
    }

    @Override
    public Optional<ConsentOutcomes.Ending> consentOutcome(Choice choice) {
        return Optional.ofNullable(scenario.consentOutcomes().get(choice))
                .map(o -> new ConsentOutcomes.Ending(o.status(), o.message()));
    }

    @Override
    public Step start(JobContext context) {
        if (context.state() != null) {
            return current(context).map(state -> advance(context, state)).orElseGet(ScenarioConnector::changed);
        }
        Optional<Integer> login = scenario.loginFor(context.credentials());
        if (login.isEmpty()) {
            return new Step.Failed(ConnectionStatus.DENIED);
        }
        int jobCase = scenario.logins().get(login.get()).caseFor(context);
        return advance(context, new ScenarioState(scenario.fingerprint(), login.get(), jobCase, 0, 0, null));
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        Optional<ScenarioState> current = current(context);
        if (current.isEmpty()) {
            return changed();
        }
        ScenarioState state = current.get();
        Login login = scenario.logins().get(state.login());
        Flow flow = login.flow(state.jobCase());
        if (!(flow.steps().get(state.step()) instanceof ScenarioStep.Round round)) {
            return changed();
        }
        Optional<Outcome> ending = Stream.concat(login.answerOutcomes().stream(), scenario.answerOutcomes().stream())
                .filter(o -> answers.stream().anyMatch(a -> o.answer().accepts(a.value())))
                .map(AnswerOutcome::outcome)
                .findFirst();
        if (ending.isPresent()) {
            return end(context, ending.get(), flow, login);
        }
        boolean right = true;
        for (int i = 0; i < round.challenges().size(); i++) {
            right &= round.challenges().get(i).answer().accepts(answers.get(i).value());
        }
        if (right) {
            String chosen = round.challenges().get(0).type().hasOptions() ? answers.get(0).value() : null;
            return advance(context, state.at(state.step() + 1, chosen));
        }
        WrongAnswer rule = Stream.of(round.onWrongAnswer(), flow.onWrongAnswer(), login.flow().onWrongAnswer(),
                scenario.onWrongAnswer()).filter(Objects::nonNull).findFirst().orElse(WrongAnswer.REJECT);
        if (state.retries() < rule.retries()) {
            return advance(context, state.retried());
        }
        return rule.goTo() != null ? advance(context, state.at(rule.goTo(), null))
                : end(context, rule.end(), flow, login);
    }

    /**
     * The state of a job of the login these credentials match, at {@code step} of its own flow (no job case), as
     * {@link #start} and {@link #resume} write it: for a built-in connector that upgrades the states its earlier,
     * hand-written version stored. Empty when no login matches or the step is past the flow.
     */
    public Optional<String> stateAt(Map<String, String> credentials, int step) {
        return scenario.loginFor(credentials)
                .filter(login -> step >= 0 && step <= scenario.logins().get(login).flow(-1).steps().size())
                .map(login -> new ScenarioState(scenario.fingerprint(), login, -1, step, 0, null).write());
    }

    /** The step the job is at: a round to answer, a pause, or, past the last step, the outcome. */
    private Step advance(JobContext context, ScenarioState state) {
        Login login = scenario.logins().get(state.login());
        Flow flow = login.flow(state.jobCase());
        if (state.step() >= flow.steps().size()) {
            return end(context, flow.outcome(), flow, login);
        }
        ScenarioStep step = flow.steps().get(state.step());
        if (step instanceof ScenarioStep.Pause pause) {
            return new Step.Delayed(pause.delay(), state.at(state.step() + 1, state.chosen()).write());
        }
        ScenarioStep.Round round = (ScenarioStep.Round) step;
        return new Step.Challenged(round.challenges().stream().map(c -> c.challenge(state.chosen())).toList(),
                state.write());
    }

    private Step end(JobContext context, Outcome outcome, Flow flow, Login login) {
        if (outcome.status() != ConnectionStatus.CONNECTED) {
            return new Step.Failed(outcome.status(), outcome.message());
        }
        ScenarioData data = Stream.of(flow.data(), login.flow().data(), scenario.data()).filter(Objects::nonNull)
                .findFirst().orElse(ScenarioData.GENERATED);
        return new Step.Succeeded(harvest.of(data, scenario.institution().name(), context));
    }

    /** The job's state, unless the scenario has changed under it since the job started. */
    private Optional<ScenarioState> current(JobContext context) {
        ScenarioState state = ScenarioState.read(context.state());
        boolean same = Objects.equals(state.fingerprint(), scenario.fingerprint())
                && state.login() < scenario.logins().size();
        return same ? Optional.of(state) : Optional.empty();
    }

    private static Step changed() {
        return new Step.Failed(ConnectionStatus.FAILED, CHANGED);
    }
}
