package dev.openagg.ofx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.connector.Connector;
import dev.openagg.connector.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstitutionsFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void a_json_file_yields_one_connector_per_entry_with_login_and_password() throws IOException {
        Path json = file("ofx.json", """
                {"institutions": [
                  {"code": "firstbank_ofx", "name": "First Bank", "url": "https://ofx.firstbank.example/ofx",
                   "org": "FIRSTBANK", "fid": "1234", "bank_id": "123456780", "broker_id": "firstbank.example",
                   "ofx_version": "220", "app_id": "QWIN", "app_version": "2700"},
                  {"code": "oldcu", "name": "Old Credit Union", "url": "https://ofx.oldcu.example/",
                   "org": "OLDCU", "ofx_version": "102", "read_timeout_s": 45}]}""");

        List<Connector> connectors = new OfxProvider().connectors(Settings.of(Map.of(OfxProvider.SETTING, json.toString())));

        assertThat(connectors).extracting(c -> c.institution().code()).containsExactly("firstbank_ofx", "oldcu");
        assertThat(connectors.get(0).institution().credentials()).extracting(f -> f.fieldName())
                .containsExactly("LOGIN", "PASSWORD");
        assertThat(connectors.get(0).institution().supportsTaxDocument()).isTrue();
        assertThat(connectors.get(0).institution().supportsAccountIdentification()).isFalse();
        assertThat(connectors.get(0).institution().supportsAccountStatement()).isFalse();
        OfxInstitution old = InstitutionsFile.read(json).get(1);
        assertThat(old.appId()).isEqualTo("QWIN");
        assertThat(old.readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(old.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(old.version().isXml()).isFalse();
    }

    @Test
    void a_yaml_file_is_read_too() throws IOException {
        Path yaml = file("ofx.yaml", """
                institutions:
                  - code: local_test
                    name: Local Test Bank
                    url: http://127.0.0.1:9999/ofx
                    allow_http: true
                    org: TESTBANK
                    ofx_version: "160"
                """);

        assertThat(InstitutionsFile.read(yaml)).extracting(OfxInstitution::code).containsExactly("local_test");
    }

    @Test
    void no_setting_means_no_institutions() {
        assertThat(new OfxProvider().connectors(Settings.of(Map.of()))).isEmpty();
        assertThat(new OfxProvider().settingNames()).containsExactly("OPENAGG_OFX_INSTITUTIONS");
    }

    @Test
    void every_problem_is_named_by_entry_and_field() throws IOException {
        Path bad = file("bad.json", """
                {"institutions": [
                  {"code": "plainhttp", "name": "Plain", "url": "http://ofx.plain.example/", "org": "P", "ofx_version": "220"},
                  {"code": "Bad Code", "name": "", "url": "https://x.example/", "org": "X", "ofx_version": "999",
                   "colour": "red", "connect_timeout_s": 0},
                  {"code": "plainhttp", "name": "Again", "url": "https://again.example/", "org": "A", "ofx_version": "102"}]}""");

        assertThatThrownBy(() -> InstitutionsFile.read(bad))
                .isInstanceOf(InstitutionsFile.Invalid.class)
                .hasMessageContaining("institutions[0] (plainhttp): url must be https")
                .hasMessageContaining("institutions[1] (Bad Code): unknown field colour")
                .hasMessageContaining("institutions[1] (Bad Code): code must be 1 to 64 lower-case letters")
                .hasMessageContaining("institutions[1] (Bad Code): name must not be empty")
                .hasMessageContaining("institutions[1] (Bad Code): ofx_version must be one of")
                .hasMessageContaining("institutions[1] (Bad Code): connect_timeout_s must be a whole number")
                .hasMessageContaining("institutions[2] (plainhttp): code plainhttp appears twice");
    }

    @Test
    void a_file_that_is_not_json_or_lacks_the_list_is_refused() throws IOException {
        assertThatThrownBy(() -> InstitutionsFile.read(file("broken.json", "{\"institutions\": [")))
                .hasMessageContaining("broken.json is not valid JSON");
        assertThatThrownBy(() -> InstitutionsFile.read(file("empty.json", "{}")))
                .hasMessageContaining("empty.json needs a list named \"institutions\"");
        assertThatThrownBy(() -> InstitutionsFile.read(dir.resolve("missing.json")))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> InstitutionsFile.read(file("missing.json", """
                {"institutions": [{"code": "x"}]}""")))
                .hasMessageContaining("institutions[0] (x): name is required")
                .hasMessageContaining("institutions[0] (x): url is required")
                .hasMessageContaining("institutions[0] (x): org is required")
                .hasMessageContaining("institutions[0] (x): ofx_version is required");
    }
}
