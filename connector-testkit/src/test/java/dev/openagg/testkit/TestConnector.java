package dev.openagg.testkit;

import dev.openagg.connector.AccountData;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A connector made of lambdas, so that each test shows the whole connector it runs. */
final class TestConnector implements Connector {
    static final Map<String, String> CREDENTIALS = Map.of("LOGIN", "jane", "PASSWORD", "secret");

    private final InstitutionInfo institution;
    private final Function<JobContext, Step> onStart;
    private final BiFunction<JobContext, List<Answer>, Step> onResume;
    private final int stateVersion;
    private final BiFunction<Integer, String, Optional<String>> upgrade;

    private TestConnector(InstitutionInfo institution, Function<JobContext, Step> onStart,
                          BiFunction<JobContext, List<Answer>, Step> onResume, int stateVersion,
                          BiFunction<Integer, String, Optional<String>> upgrade) {
        this.institution = institution;
        this.onStart = onStart;
        this.onResume = onResume;
        this.stateVersion = stateVersion;
        this.upgrade = upgrade;
    }

    /** A connector of Test Bank (aggregate and check_balance only) whose {@code start} is {@code onStart}. */
    static TestConnector starting(Function<JobContext, Step> onStart) {
        return new TestConnector(bank("test_bank", false), onStart, (c, a) -> {
            throw new AssertionError("resume was not expected");
        }, 1, (v, s) -> {
            throw new AssertionError("upgradeState was not expected");
        });
    }

    TestConnector resuming(BiFunction<JobContext, List<Answer>, Step> next) {
        return new TestConnector(institution, onStart, next, stateVersion, upgrade);
    }

    TestConnector supportingEveryJob() {
        return new TestConnector(bank(institution.code(), true), onStart, onResume, stateVersion, upgrade);
    }

    TestConnector named(String code) {
        return new TestConnector(bank(code, false), onStart, onResume, stateVersion, upgrade);
    }

    TestConnector stateVersion(int version, BiFunction<Integer, String, Optional<String>> upgrader) {
        return new TestConnector(institution, onStart, onResume, version, upgrader);
    }

    static Step connected() {
        return new Step.Succeeded(Harvest.builder().accounts(List.of(checking())).build());
    }

    static AccountData checking() {
        return new AccountData("acc-1", "Checking", "CHECKING", null, "1234", "021000021", new BigDecimal("10.00"),
                new BigDecimal("10.00"), null, null, LocalDate.of(2020, 1, 2), "USD");
    }

    private static InstitutionInfo bank(String code, boolean everyJob) {
        return new InstitutionInfo(code, "Test Bank", "https://bank.example", "Any password works.",
                List.of(new CredentialField("CRD-1", "LOGIN", "Username", "TEXT", 1),
                        new CredentialField("CRD-2", "PASSWORD", "Password", "PASSWORD", 2)),
                everyJob, everyJob, everyJob, everyJob, everyJob);
    }

    @Override
    public InstitutionInfo institution() {
        return institution;
    }

    @Override
    public Step start(JobContext context) {
        return onStart.apply(context);
    }

    @Override
    public Step resume(JobContext context, List<Answer> answers) {
        return onResume.apply(context, answers);
    }

    @Override
    public int stateVersion() {
        return stateVersion;
    }

    @Override
    public Optional<String> upgradeState(int storedVersion, String state) {
        return upgrade.apply(storedVersion, state);
    }
}
