package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Where a job is in its scenario, kept in the job row between steps (so any node runs the next one): the login rule
 * and job case chosen when the job started, the step it is at, the retries of that step used, and the value of the
 * option chosen in the round before (an option value the institution itself offered). Never an answer or a
 * credential.
 *
 * @param fingerprint the scenario's fingerprint when the job started; null for an inline scenario
 * @param jobCase     the index of the login's job case whose flow runs, or -1 for the login's own
 */
record ScenarioState(String fingerprint, int login, int jobCase, int step, int retries, String chosen) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ScenarioState at(int nextStep, String nextChosen) {
        return new ScenarioState(fingerprint, login, jobCase, nextStep, 0, nextChosen);
    }

    ScenarioState retried() {
        return new ScenarioState(fingerprint, login, jobCase, step, retries + 1, chosen);
    }

    String write() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScenarioState read(String state) {
        try {
            return JSON.readValue(state, ScenarioState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario job's state is not readable", e);
        }
    }
}
