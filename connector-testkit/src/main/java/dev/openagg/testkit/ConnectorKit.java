package dev.openagg.testkit;

import dev.openagg.connector.Connector;
import dev.openagg.connector.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link Connector}'s jobs in memory, under the same rules as OpenAgg's server, for tests without a server or
 * a database. The kit holds a clock that moves only when told ({@link #advance}), the members made with it and their
 * jobs. Starts, answers, delays, expiry and the statuses a member ends in are decided by the engine's own
 * {@link dev.openagg.engine.JobRules}, so a connector that passes here behaves the same on the server:
 *
 * <pre>{@code
 * ConnectorKit kit = ConnectorKit.of(new MyBankConnector());
 * kit.start("aggregate", Map.of("LOGIN", "user", "PASSWORD", "secret"))
 *         .expectChallenge(ChallengeType.TEXT)
 *         .answer("correct")
 *         .expectConnected();
 * }</pre>
 *
 * <p>Like the server, the kit calls the connector's {@code start} and {@code resume} with the state its previous step
 * returned, upgrades state written by another {@link Connector#stateVersion()} (see {@link #replaceConnector}),
 * turns an exception thrown by the connector into a job ended FAILED, refuses job kinds the institution does not
 * support, expires a challenge left unanswered for the challenge lifetime, and makes a member PREVENTED after
 * three DENIED logins in a row.
 *
 * <p>A kit is meant for one test at a time; it is not safe for use by several threads.
 */
public final class ConnectorKit {
    /** How long a challenge waits for its answers unless configured otherwise: the server's default. */
    public static final Duration DEFAULT_CHALLENGE_LIFETIME = Duration.ofSeconds(600);
    /** Where the clock starts unless configured otherwise: a fixed moment, so runs are repeatable. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-15T12:00:00Z");

    private final Duration challengeLifetime;
    private final Instant start;
    private final KitEngine engine;

    private ConnectorKit(Connector connector, Duration challengeLifetime, Instant start) {
        this.challengeLifetime = challengeLifetime;
        this.start = start;
        this.engine = new KitEngine(Objects.requireNonNull(connector, "connector"), challengeLifetime, start);
    }

    /** A kit for this connector, with the default challenge lifetime and start time. */
    public static ConnectorKit of(Connector connector) {
        return new ConnectorKit(connector, DEFAULT_CHALLENGE_LIFETIME, DEFAULT_START);
    }

    /**
     * A new kit like this one, with nothing started, whose challenges expire after {@code lifetime} (the server's
     * {@code OPENAGG_CHALLENGE_LIFETIME_S}).
     *
     * @throws IllegalArgumentException when {@code lifetime} is not positive
     */
    public ConnectorKit challengeLifetime(Duration lifetime) {
        return new ConnectorKit(engine.connector(), lifetime, start);
    }

    /** A new kit like this one, with nothing started, whose clock starts at {@code instant}. */
    public ConnectorKit startingAt(Instant instant) {
        return new ConnectorKit(engine.connector(), challengeLifetime, Objects.requireNonNull(instant, "instant"));
    }

    /** The kit's clock: the {@code now} the connector's next call sees in its {@code JobContext}. */
    public Instant now() {
        return engine.now();
    }

    /**
     * Moves the clock on, for every member of the kit. Whatever falls due on the way happens at its own moment: a
     * step delayed by {@link dev.openagg.connector.Step.Delayed} runs, a challenge past its lifetime expires (the
     * member ends EXPIRED).
     *
     * @throws IllegalArgumentException when {@code by} is negative
     */
    public ConnectorKit advance(Duration by) {
        engine.advance(by);
        return this;
    }

    /**
     * A new member, CREATED, with these credentials by field name ({@code LOGIN}, {@code PASSWORD}, ... as the
     * institution's {@code credentials()} name them). As on the server, every field must be given a value.
     *
     * @throws IllegalArgumentException when a field is missing, unknown or empty
     */
    public KitMember member(Map<String, String> credentials) {
        KitMember member = new KitMember(engine, credentials);
        engine.add(member);
        return member;
    }

    /**
     * A new member with these credentials, and a job of the kind named as its endpoint is ({@code "aggregate"},
     * {@code "verify"}, ...) started on it. See {@link KitMember#start(JobKind)}.
     */
    public JobRun start(String kind, Map<String, String> credentials) {
        return member(credentials).start(kind);
    }

    /** A new member with these credentials, and a job of this kind started on it. */
    public JobRun start(JobKind kind, Map<String, String> credentials) {
        return member(credentials).start(kind);
    }

    /**
     * Serves the institution with {@code next} from now on, as a server restarted with a new version of the
     * connector would: jobs waiting for answers or out a delay continue with it, and state their previous steps wrote
     * under another {@link Connector#stateVersion()} goes through {@code next}'s {@link Connector#upgradeState} first
     * (a job whose state cannot be upgraded ends FAILED).
     *
     * @throws IllegalArgumentException when {@code next} serves another institution
     */
    public ConnectorKit replaceConnector(Connector next) {
        String code = engine.connector().institution().code();
        if (!next.institution().code().equals(code)) {
            throw new IllegalArgumentException("the kit serves " + code + "; " + next.institution().code()
                    + " is another institution");
        }
        engine.replaceConnector(next);
        return this;
    }
}
