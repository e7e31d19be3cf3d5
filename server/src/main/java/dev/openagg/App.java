package dev.openagg;

import dev.openagg.account.AccountRoutes;
import dev.openagg.account.AccountWriter;
import dev.openagg.api.Http;
import dev.openagg.background.BackgroundAggregation;
import dev.openagg.client.BasicAuth;
import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.clock.ClientClocks;
import dev.openagg.clock.ClockRoutes;
import dev.openagg.connector.Settings;
import dev.openagg.console.Console;
import dev.openagg.db.DataDir;
import dev.openagg.db.Database;
import dev.openagg.document.DocumentRoutes;
import dev.openagg.document.DocumentWriter;
import dev.openagg.institution.InstitutionRoutes;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.job.JobRoutes;
import dev.openagg.job.JobScheduler;
import dev.openagg.job.JobTrail;
import dev.openagg.job.StepOverride;
import dev.openagg.job.StepTimes;
import dev.openagg.metrics.Metrics;
import dev.openagg.job.TransitionWriter;
import dev.openagg.limit.Quotas;
import dev.openagg.limit.RequestRate;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.oauth.OAuth;
import dev.openagg.requestlog.RequestLog;
import dev.openagg.institution.InstitutionSource;
import dev.openagg.scenario.SandboxInstitutions;
import dev.openagg.scenario.ScenarioFolder;
import dev.openagg.scenario.SandboxRoutes;
import dev.openagg.sandbox.Sandbox;
import dev.openagg.sandbox.SandboxControlRoutes;
import dev.openagg.sandbox.SandboxSwitchRoutes;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.Keys;
import dev.openagg.secret.SecretException;
import dev.openagg.timeline.Timeline;
import dev.openagg.timeline.TimelineRecorder;
import dev.openagg.timeline.TimelineRoutes;
import dev.openagg.user.UserRoutes;
import dev.openagg.user.UserStore;
import dev.openagg.webhook.RetryTimes;
import dev.openagg.webhook.Webhooks;
import dev.openagg.widget.Widget;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the whole server by hand, top to bottom, and starts it. */
public final class App implements AutoCloseable {
    private final Database database;
    private final JobScheduler scheduler;
    private final Webhooks webhooks;
    private final Javalin web;
    private final FirstClient.Created generatedClient;
    private final Optional<ScenarioFolder> scenarioFiles;
    private final Path dataDir;
    private final BackgroundAggregation background;
    private final RequestLog requestLog;
    private final Metrics metrics;
    private final int metricsPort;

    private App(Database database, JobScheduler scheduler, Webhooks webhooks, Javalin web,
                FirstClient.Created generatedClient, Optional<ScenarioFolder> scenarioFiles, Path dataDir,
                BackgroundAggregation background, RequestLog requestLog, Metrics metrics, int metricsPort) {
        this.metrics = metrics;
        this.metricsPort = metricsPort;
        this.background = background;
        this.requestLog = requestLog;
        this.scenarioFiles = scenarioFiles;
        this.database = database;
        this.scheduler = scheduler;
        this.webhooks = webhooks;
        this.web = web;
        this.generatedClient = generatedClient;
        this.dataDir = dataDir;
    }

    /** Requests waiting for the request log's writer at most; more are dropped and counted. */
    private static final int REQUEST_LOG_QUEUE = 10_000;

    public static App start(Config config, Clock clock) {
        Institutions builtIn = Institutions.discover(Optional.ofNullable(config.pluginsDir()),
                Settings.of(config.connectorSettings()));
        Database database = openDatabase(config, config.database().poolSize());
        try {
            return start(config, clock, builtIn, database);
        } catch (RuntimeException | Error e) {
            // The embedded database is not closed by H2 at exit: what the start wrote is written out here.
            database.close();
            throw e;
        }
    }

    private static App start(Config config, Clock clock, Institutions builtIn, Database database) {
        Keyring keyring = database.keyring();
        SandboxInstitutions sandbox = new SandboxInstitutions(database.jdbi(), clock);
        Optional<ScenarioFolder> files = Optional.ofNullable(config.scenariosDir()).map(ScenarioFolder::new);
        List<InstitutionSource> sources = new ArrayList<>();
        files.ifPresent(sources::add);
        sources.add(sandbox);
        Institutions institutions = builtIn.with(sources);
        files.ifPresent(f -> f.watch(Duration.ofSeconds(1), code -> institutions.clash(code, f)));
        ClientStore clients = new ClientStore(database.jdbi(), clock);
        FirstClient.Created generated = FirstClient.ensure(clients, config.clientId(), config.apiKey());

        Metrics metrics = new Metrics(database.jdbi(), database.dataSource(), clock);
        Quotas quotas = new Quotas(config.clientLimits());
        UserStore users = new UserStore(database.jdbi(), clock, quotas);
        MemberStore members = new MemberStore(database.jdbi(), database.dataSource(), keyring,
                BackgroundAggregation.dueTimes(config.sandbox().backgroundPeriod()));
        Config.JobSettings jobs = config.jobs();
        JobScheduler scheduler = new JobScheduler(database.dataSource(), new JobScheduler.Settings(jobs.threads(),
                JobScheduler.HARVEST_WRITERS, Duration.ofSeconds(2), jobs.heartbeat(), Duration.ofSeconds(1), Duration.ofSeconds(30),
                jobs.shutdownWait(), jobs.nodeName()), clock);
        ClientClocks clocks = new ClientClocks(database.jdbi(), clock, config.sandbox().enabled(),
                List.of(new RetryTimes(), new StepTimes()));
        Webhooks webhooks = new Webhooks(database.jdbi(), keyring, institutions, clocks, config.webhooks().retryBase(),
                config.webhooks().allowPrivateNetworks(), config.webhooks().senders());
        Sandbox sandboxControls = new Sandbox(database.jdbi(), clocks);
        TransitionWriter transitions = new TransitionWriter(members, keyring,
                List.of(sandboxControls.withAddedTransactions(new AccountWriter(clocks)), new DocumentWriter(clocks)),
                webhooks.events(), JobTrail.all(List.of(new TimelineRecorder(clock), metrics.jobs())));
        OAuth oauth = new OAuth(database.jdbi(), clock);
        JobEngine engine = new JobEngine(members, institutions, transitions, scheduler, clocks,
                config.challengeLifetime(), StepOverride.firstOf(List.of(oauth.access(), sandboxControls.steps())));
        scheduler.start(engine);
        BackgroundAggregation background = new BackgroundAggregation(members, engine, clocks,
                config.sandbox().backgroundPeriod());

        Members memberService = new Members(members, institutions, engine, webhooks.events(), clocks, quotas,
                oauth.windows());
        Widget widget = new Widget(database.jdbi(), users, members, memberService, institutions, engine,
                oauth.windows(), clock);
        // Javalin tries a method's route patterns in the order they were added: the status poll, the request clients
        // send most, is tried first, not after eleven patterns that fail.
        List<Http.Routes> features = new ArrayList<>(List.of(
                new JobRoutes(members, institutions, engine),
                new HealthRoutes(database),
                new UserRoutes(users),
                new InstitutionRoutes(institutions),
                new SandboxRoutes(sandbox, institutions),
                new MemberRoutes(users, members, institutions, memberService, webhooks.events()),
                new AccountRoutes(database.jdbi(), users, members),
                new DocumentRoutes(database.jdbi(), members),
                webhooks.routes()));
        features.addAll(widget.routes());
        features.add(new SandboxSwitchRoutes(config.sandbox().enabled()));
        features.addAll(oauth.routes(members, institutions, webhooks.events(), engine));
        features.add(new ClockRoutes(clocks));
        features.add(new SandboxControlRoutes(members, institutions, engine, background, webhooks, sandboxControls));
        RequestLog requestLog = new RequestLog(database.jdbi(), clock,
                Duration.ofDays(config.observe().requestLogDays()), REQUEST_LOG_QUEUE);
        features.add(requestLog.routes());
        features.add(new TimelineRoutes(members, new Timeline(database.jdbi(), requestLog)));
        List<Http.Observer> observers = new ArrayList<>(List.of(metrics.requests()));
        if (config.observe().requestLogDays() > 0) {
            observers.add(requestLog);
        }
        metrics.watch(requestLog);
        BasicAuth basic = new BasicAuth(clients, clock);
        Console console = new Console(database.jdbi(), clock, basic, config.sandbox().enabled());
        features.add(console.routes());
        Http.Authenticator authenticator = RequestRate.around(console.authenticator(basic), config.clientLimits(), clock);
        Integer metricsPort = config.observe().metricsPort();
        if (metricsPort == null) {
            features.add(metrics.routes(authenticator));
        }
        Javalin web = Http.create(new Http.Settings(config.port(), config.httpThreads(), config.httpLimits(), clock),
                authenticator, List.of("/health", Widget.PREFIX, OAuth.PREFIX, "/metrics", Console.PREFIX), features, observers);
        try {
            web.start();
        } catch (RuntimeException e) {
            metrics.close();
            files.ifPresent(ScenarioFolder::close);
            scheduler.close();
            throw e;
        }
        webhooks.start(Duration.ofMillis(200));
        background.start(Duration.ofSeconds(1));
        if (config.observe().requestLogDays() > 0) {
            requestLog.start();
        }
        int servedMetricsOn = metricsPort == null ? web.port() : metrics.serveOn(metricsPort);
        return new App(database, scheduler, webhooks, web, generated, files, config.embeddedDataDir(), background,
                requestLog, metrics, servedMetricsOn);
    }

    /**
     * The configured database, migrated and checked against the master keys. An embedded database's directory, key
     * file included, is kept readable by this user only.
     */
    static Database openDatabase(Config config, int poolSize) {
        Path dir = config.embeddedDataDir();
        if (dir != null) {
            DataDir.prepare(dir);
        }
        Keys.Loaded keys = Keys.load(config.keys(), dir);
        Config.DatabaseSettings db = config.database();
        Database database;
        try {
            database = Database.open(config.jdbcUrl(), db.user(), db.password(), poolSize, keys.keyring());
        } catch (SecretException e) {
            if (keys.generated() == null) {
                throw e;
            }
            keys.discardGenerated();
            throw new SecretException(e.getMessage() + " The key file " + keys.generated() + " was missing: restore "
                    + "the one these secrets were written with (the file generated in its place was removed).", e);
        }
        if (dir != null) {
            DataDir.restrict(dir);
        }
        return database;
    }

    public int port() {
        return web.port();
    }

    /** Where {@code /metrics} is served: this port, or the one {@code OPENAGG_METRICS_PORT} chose. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Every endpoint this server serves. */
    public List<Http.Route> routes() {
        return Http.routes(web);
    }

    /** The client created on this start with a generated key, if one was. */
    public FirstClient.Created generatedClient() {
        return generatedClient;
    }

    @Override
    public void close() {
        web.stop();
        metrics.close();
        requestLog.close();
        background.close();
        scenarioFiles.ifPresent(ScenarioFolder::close);
        webhooks.close();
        scheduler.close();
        database.close();
        if (dataDir != null) {
            DataDir.restrict(dataDir);
        }
    }
}
