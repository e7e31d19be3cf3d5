package dev.openagg.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.App;
import dev.openagg.connector.Settings;
import dev.openagg.institution.plugins.TestConnectors;
import dev.openagg.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
    @TempDir
    Path plugins;

    private Path jar(String name, Class<?> connector) {
        return PluginJars.build(plugins, name, List.of(TestConnectors.class, base(), connector),
                List.of(connector.getName()));
    }

    private static Class<?> base() {
        return TestConnectors.Valid.class.getSuperclass();
    }

    private Institutions discover() {
        return Institutions.discover(Optional.of(plugins), Settings.of(Map.of()));
    }

    @Test
    void a_valid_plug_in_is_served_beside_the_built_in_institutions() {
        jar("valid.jar", TestConnectors.Valid.class);

        Institutions institutions = discover();

        assertThat(institutions.all()).extracting(i -> i.code()).contains("mxbank", "valid_plugin_bank");
        assertThat(institutions.connector("valid_plugin_bank").orElseThrow().getClass().getClassLoader())
                .isInstanceOf(PluginClassLoader.class);
    }

    @Test
    void a_jar_whose_connector_class_is_missing_stops_the_start_naming_the_jar() {
        PluginJars.build(plugins, "missing.jar", List.of(), List.of("com.example.NoSuchConnector"));

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("plug-in missing.jar failed to load")
                .hasMessageContaining("com.example.NoSuchConnector");
    }

    @Test
    void a_jar_that_declares_no_connector_stops_the_start() {
        PluginJars.build(plugins, "empty.jar", List.of(), List.of());

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("plug-in empty.jar declares no connector");
    }

    @Test
    void a_connector_with_an_invalid_institution_stops_the_start_naming_the_jar_and_the_problem() {
        jar("badcode.jar", TestConnectors.BadCode.class);

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("badcode.jar")
                .hasMessageContaining("code \"Bad Code\" must be 1 to 64 lower-case letters, digits or underscores");
    }

    @Test
    void a_connector_whose_institution_fails_stops_the_start() {
        jar("broken.jar", TestConnectors.Broken.class);

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("broken.jar")
                .hasMessageContaining("failed in institution()")
                .hasMessageContaining("configuration missing");
    }

    @Test
    void two_jars_claiming_one_code_stop_the_start_naming_both() {
        jar("a-twin.jar", TestConnectors.Twin.class);
        jar("b-twin.jar", TestConnectors.Twin.class);

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("b-twin.jar: institution code twin is already served by a-twin.jar");
    }

    @Test
    void a_plug_in_claiming_a_built_in_code_stops_the_start() {
        jar("impostor.jar", TestConnectors.Impostor.class);

        assertThatThrownBy(this::discover).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("impostor.jar: institution code mxbank is already served by the class path");
    }

    @Test
    void a_plug_ins_folder_that_does_not_exist_stops_the_start() {
        Path missing = plugins.resolve("nowhere");

        assertThatThrownBy(() -> Institutions.discover(Optional.of(missing), Settings.of(Map.of()))).isInstanceOf(Plugins.LoadFailure.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void the_server_does_not_start_with_a_bad_plug_in_and_leaves_its_database_untouched() throws Exception {
        jar("impostor.jar", TestConnectors.Impostor.class);
        var config = TestServer.config().withPluginsDir(plugins);

        assertThatThrownBy(() -> App.start(config, java.time.Clock.systemUTC())).isInstanceOf(Plugins.LoadFailure.class);
        try (var files = Files.list(config.dataDir())) {
            assertThat(files).isEmpty();
        }
    }
}
