package dev.openagg;

import dev.openagg.account.AccountRoutes;
import dev.openagg.account.AccountWriter;
import dev.openagg.api.Http;
import dev.openagg.client.BasicAuth;
import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.db.DataDir;
import dev.openagg.db.Database;
import dev.openagg.document.DocumentRoutes;
import dev.openagg.document.DocumentWriter;
import dev.openagg.institution.InstitutionRoutes;
import dev.openagg.institution.Institutions;
import dev.openagg.job.JobEngine;
import dev.openagg.job.JobRoutes;
import dev.openagg.job.JobScheduler;
import dev.openagg.job.TransitionWriter;
import dev.openagg.member.MemberRoutes;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.Keys;
import dev.openagg.secret.SecretException;
import dev.openagg.user.UserRoutes;
import dev.openagg.user.UserStore;
import dev.openagg.webhook.Webhooks;
import dev.openagg.widget.Widget;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the whole server by hand, top to bottom, and starts it. */
public final class App implements AutoCloseable {
    private final Database database;
    private final JobScheduler scheduler;
    private final Webhooks webhooks;
    private final Javalin web;
    private final FirstClient.Created generatedClient;
    private final Path dataDir;

    private App(Database database, JobScheduler scheduler, Webhooks webhooks, Javalin web,
                FirstClient.Created generatedClient, Path dataDir) {
        this.database = database;
        this.scheduler = scheduler;
        this.webhooks = webhooks;
        this.web = web;
        this.generatedClient = generatedClient;
        this.dataDir = dataDir;
    }

    public static App start(Config config, Clock clock) {
        Database database = openDatabase(config, config.database().poolSize());
        Keyring keyring = database.keyring();
        ClientStore clients = new ClientStore(database.jdbi(), clock);
        FirstClient.Created generated = FirstClient.ensure(clients, config.clientId(), config.apiKey());

        Institutions institutions = Institutions.discover();
        UserStore users = new UserStore(database.jdbi(), clock);
        MemberStore members = new MemberStore(database.jdbi(), database.dataSource(), keyring);
        Config.JobSettings jobs = config.jobs();
        JobScheduler scheduler = new JobScheduler(database.dataSource(), new JobScheduler.Settings(jobs.threads(),
                Duration.ofSeconds(2), jobs.heartbeat(), Duration.ofSeconds(1), Duration.ofSeconds(30),
                jobs.shutdownWait(), jobs.nodeName()), clock);
        Webhooks webhooks = new Webhooks(database.jdbi(), keyring, institutions, clock, config.webhookRetryBase());
        TransitionWriter transitions = new TransitionWriter(members, keyring,
                List.of(new AccountWriter(clock), new DocumentWriter(clock)), webhooks.events());
        JobEngine engine = new JobEngine(members, institutions, transitions, scheduler, clock,
                config.challengeLifetime());
        scheduler.start(engine);

        Members memberService = new Members(members, institutions, engine, webhooks.events(), clock);
        Widget widget = new Widget(database.jdbi(), users, members, memberService, institutions, engine, clock);
        List<Http.Routes> features = new ArrayList<>(List.of(
                new HealthRoutes(database),
                new UserRoutes(users),
                new InstitutionRoutes(institutions),
                new MemberRoutes(users, members, institutions, memberService, webhooks.events()),
                new JobRoutes(members, institutions, engine),
                new AccountRoutes(database.jdbi(), users, members),
                new DocumentRoutes(database.jdbi(), members),
                webhooks.routes()));
        features.addAll(widget.routes());
        Javalin web = Http.create(config.httpThreads(), new BasicAuth(clients), List.of("/health", Widget.PREFIX),
                features);
        try {
            web.start(config.port());
        } catch (RuntimeException e) {
            scheduler.close();
            database.close();
            throw e;
        }
        webhooks.start(Duration.ofMillis(200));
        return new App(database, scheduler, webhooks, web, generated, config.embeddedDataDir());
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

    /** The client created on this start with a generated key, if one was. */
    public FirstClient.Created generatedClient() {
        return generatedClient;
    }

    @Override
    public void close() {
        web.stop();
        webhooks.close();
        scheduler.close();
        database.close();
        if (dataDir != null) {
            DataDir.restrict(dataDir);
        }
    }
}
