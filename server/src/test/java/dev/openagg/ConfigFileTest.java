package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.api.Limits;
import dev.openagg.cli.Program;
import dev.openagg.cli.UsageException;
import dev.openagg.institution.Institutions;
import dev.openagg.limit.ClientLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags, environment variables and the config file, and which one wins. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Config serve(Map<String, String> environment, String... args) {
        Program.Run run = (Program.Run) Main.program().parse(args, ConfigFile.load(args, environment));
        return Serve.config(run.arguments());
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("openagg.properties"), text);
    }

    @Test
    void without_flags_variables_or_file_the_defaults_apply() {
        Config config = serve(Map.of(), "serve");

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.httpThreads()).isEqualTo(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
        assertThat(config.isEmbedded()).isTrue();
        assertThat(config.database().poolSize()).isEqualTo(10);
        assertThat(config.jobs()).isEqualTo(new Config.JobSettings(8, Duration.ofSeconds(5), Duration.ofSeconds(5), null));
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void the_config_file_uses_the_environment_variables_names() throws IOException {
        Path file = file("""
                OPENAGG_DATABASE_URL=jdbc:postgresql://db.internal/openagg
                OPENAGG_DATABASE_USER=openagg
                OPENAGG_DATABASE_PASSWORD=s3cret
                OPENAGG_DATABASE_POOL_SIZE=6
                OPENAGG_JOB_THREADS=3
                OPENAGG_JOB_HEARTBEAT_S=2
                OPENAGG_SHUTDOWN_WAIT_S=7
                OPENAGG_HTTP_THREADS=12
                OPENAGG_NODE_NAME=node-b
                """);

        Config config = serve(Map.of(), "serve", "--config", file.toString());

        assertThat(config.database()).isEqualTo(new Config.DatabaseSettings(
                "jdbc:postgresql://db.internal/openagg", "openagg", "s3cret", 6));
        assertThat(config.jobs()).isEqualTo(new Config.JobSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(7), "node-b"));
        assertThat(config.httpThreads()).isEqualTo(12);
        assertThat(config.shutdownBound()).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void a_flag_beats_an_environment_variable_which_beats_the_file() throws IOException {
        Path file = file("OPENAGG_PORT=9001\nOPENAGG_JOB_THREADS=3\nOPENAGG_DATABASE_USER=from-file\n");
        Map<String, String> environment = Map.of("OPENAGG_CONFIG", file.toString(), "OPENAGG_PORT", "9002",
                "OPENAGG_JOB_THREADS", "5");

        Config config = serve(environment, "serve", "--port", "9003");

        assertThat(config.port()).isEqualTo(9003);
        assertThat(config.jobs().threads()).isEqualTo(5);
        assertThat(config.database().user()).isEqualTo("from-file");
    }

    @Test
    void the_config_flag_beats_the_config_variable() throws IOException {
        Path flagged = file("OPENAGG_PORT=9100\n");
        Path other = Files.writeString(dir.resolve("other.properties"), "OPENAGG_PORT=9200\n");

        Config config = serve(Map.of("OPENAGG_CONFIG", other.toString()), "serve", "--config=" + flagged);

        assertThat(config.port()).isEqualTo(9100);
    }

    @Test
    void values_are_taken_literally_even_when_they_look_like_variables() throws IOException {
        Path file = file("OPENAGG_DATABASE_PASSWORD=pa${sys:user.home}ss\n");

        Config config = serve(Map.of("OPENAGG_API_KEY", "k${env:HOME}"), "serve", "--config", file.toString());

        assertThat(config.database().password()).isEqualTo("pa${sys:user.home}ss");
        assertThat(config.apiKey()).isEqualTo("k${env:HOME}");
    }

    @Test
    void the_edge_settings_default_to_the_safe_side_and_are_read_like_the_others() throws IOException {
        Config defaults = serve(Map.of(), "serve");
        assertThat(defaults.webhooks()).isEqualTo(new Config.WebhookSettings(Duration.ofSeconds(30), false, 16));
        assertThat(defaults.httpLimits()).isEqualTo(Limits.defaults());

        Path file = file("OPENAGG_HTTP_HEADER_TIMEOUT_S=5\nOPENAGG_HTTP_BODY_TIMEOUT_S=20\nOPENAGG_HTTP_MAX_BODY_BYTES=4096\n");
        Config config = serve(Map.of("OPENAGG_WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true", "OPENAGG_WEBHOOK_SENDERS", "4",
                "OPENAGG_HTTP_MIN_DATA_RATE", "0"), "serve", "--config", file.toString());

        assertThat(config.webhooks()).isEqualTo(new Config.WebhookSettings(Duration.ofSeconds(30), true, 4));
        assertThat(config.httpLimits()).isEqualTo(new Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 0, 4096));
        assertThat(serve(Map.of(), "serve", "--webhook-allow-private-networks").webhooks().allowPrivateNetworks()).isTrue();
    }

    @Test
    void the_sandbox_is_on_and_background_aggregation_daily_unless_set_otherwise() throws IOException {
        assertThat(serve(Map.of(), "serve").sandbox()).isEqualTo(new Config.SandboxSettings(true, Duration.ofHours(24)));
        Path file = file("OPENAGG_SANDBOX=false\n");
        Config config = serve(Map.of("OPENAGG_BACKGROUND_AGGREGATION_HOURS", "0"), "serve", "--config", file.toString());
        assertThat(config.sandbox()).isEqualTo(new Config.SandboxSettings(false, Duration.ZERO));
        assertThat(serve(Map.of(), "serve", "--background-aggregation-hours", "6").sandbox().backgroundPeriod())
                .isEqualTo(Duration.ofHours(6));
    }

    @Test
    void the_request_log_keeps_a_week_and_metrics_share_the_api_port_unless_set_otherwise() throws IOException {
        assertThat(serve(Map.of(), "serve").observe()).isEqualTo(Config.ObserveSettings.DEFAULTS);
        assertThat(Config.ObserveSettings.DEFAULTS).isEqualTo(new Config.ObserveSettings(7, null));
        Path file = file("OPENAGG_REQUEST_LOG_DAYS=0\n");
        Config config = serve(Map.of("OPENAGG_METRICS_PORT", "9102"), "serve", "--config", file.toString());
        assertThat(config.observe()).isEqualTo(new Config.ObserveSettings(0, 9102));
        assertThat(serve(Map.of(), "serve", "--request-log-days", "30").observe().requestLogDays()).isEqualTo(30);
    }

    @Test
    void client_limits_are_off_by_default_and_read_from_the_environment_the_file_and_flags() throws IOException {
        assertThat(serve(Map.of(), "serve").clientLimits()).isEqualTo(ClientLimits.none());

        Path file = file("OPENAGG_LIMIT_USERS_PER_CLIENT=100\nOPENAGG_LIMIT_MEMBERS_PER_USER=25\n");
        Config config = serve(Map.of("OPENAGG_LIMIT_REQUESTS_PER_SECOND", "20"), "serve", "--config", file.toString(),
                "--limit-request-burst", "50");

        assertThat(config.clientLimits()).isEqualTo(new ClientLimits(20, 50, 100, 25));
        assertThat(new ClientLimits(20, 0, 0, 0).burst()).as("a second's worth when no burst is set").isEqualTo(20);
    }

    @Test
    void a_misspelt_key_in_the_file_is_reported() throws IOException {
        Path file = file("OPENAGG_PORT=9001\nOPENAGG_DATABASE_PASSWROD=x\nOPENAGG_JOB_HEARTBEAT=2\n");

        ConfigFile settings = ConfigFile.load(new String[] {"serve", "--config", file.toString()}, Map.of());

        assertThat(settings.unknownKeys(Main.program().variables(), Set.of()))
                .containsExactly("OPENAGG_DATABASE_PASSWROD", "OPENAGG_JOB_HEARTBEAT");
    }

    @Test
    void settings_of_connector_providers_are_accepted_in_the_file_and_reach_them() throws IOException {
        Path file = file("OPENAGG_OFX_INSTITUTIONS=/etc/openagg/ofx.json\n");

        ConfigFile settings = ConfigFile.load(new String[] {"serve", "--config", file.toString()},
                Map.of("OPENAGG_PORT", "9001"));

        assertThat(settings.unknownKeys(Main.program().variables(), Institutions.providerSettingNames())).isEmpty();
        assertThat(settings.connectorSettings()).containsEntry("OPENAGG_OFX_INSTITUTIONS", "/etc/openagg/ofx.json")
                .containsEntry("OPENAGG_PORT", "9001");
    }

    @Test
    void a_missing_config_file_is_an_error() {
        assertThatThrownBy(() -> ConfigFile.load(new String[] {"serve"}, Map.of("OPENAGG_CONFIG",
                dir.resolve("absent.properties").toString())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.properties");
    }

    @Test
    void a_heartbeat_of_zero_is_refused() {
        assertThatThrownBy(() -> serve(Map.of("OPENAGG_JOB_HEARTBEAT_S", "0"), "serve"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--job-heartbeat");
    }
}
