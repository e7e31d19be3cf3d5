package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/scenario.schema.json, checked by a real JSON Schema validator, and the server's reader agree: on every example
 * of docs/scenarios.md (fragments set in a small institution), every worked example and every scenario in the jar,
 * which both accept; and on documents with mistakes, which both refuse at the same place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioExamplesTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    /** The body of a {@code curl -d '...'} in a shell example; {@code '"'"'} is how such a body quotes a quote. */
    private static final Pattern CURL_BODY = Pattern.compile("-d '((?:[^']|'\"'\"')*)'");
    private static final Pattern CHALLENGE_IN_TABLE = Pattern.compile("`(\\{\"type\": \"[A-Z_]+\".*?\\})`");

    private Schema schema;
    private Path folder;

    @BeforeAll
    void load() throws IOException {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(DOCS.resolve("scenario.schema.json")), InputFormat.JSON);
        folder = Files.createTempDirectory("openagg-examples");
    }

    @AfterAll
    void clean() {
        dev.openagg.support.TestServer.deleteTree(folder);
    }

    @Test
    void every_example_of_the_guide_is_valid_for_the_schema_and_for_the_reader() throws IOException {
        Map<String, JsonNode> examples = guideExamples();

        assertThat(examples.keySet()).as("the guide's examples, by what they are").contains(
                "document 1", "login 1", "challenge TEXT", "challenge TOKEN", "challenge OPTIONS",
                "challenge IMAGE_DATA", "challenge IMAGE_OPTIONS", "on_wrong_answer 4", "answer_outcomes 1",
                "data 2");
        assertValidEverywhere(examples);
    }

    @Test
    void the_scenarios_the_guide_and_the_readme_send_with_curl_are_valid_for_the_schema_and_for_the_reader()
            throws IOException {
        Map<String, JsonNode> sent = new LinkedHashMap<>();
        for (Path doc : List.of(DOCS.resolve("scenarios.md"), Path.of("..", "README.md"))) {
            Matcher body = CURL_BODY.matcher(Files.readString(doc));
            while (body.find()) {
                JsonNode json = STRICT.readTree(body.group(1).replace("'\"'\"'", "'"));
                if (json.has("institution")) {
                    sent.put(doc + " institution " + sent.size(), json);
                } else if (CustomScenario.CODE.equals(json.at("/member/institution_code").asText())) {
                    ObjectNode document = smallInstitution(sent.size());
                    JsonNode password = json.at("/member/credentials/1/value");
                    ((ArrayNode) document.at("/institution/logins")).set(0, STRICT.readTree(password.asText()));
                    sent.put(doc + " inline rule " + sent.size(), document);
                }
            }
        }

        assertThat(sent.keySet()).anyMatch(k -> k.contains("README.md institution"))
                .anyMatch(k -> k.contains("scenarios.md inline rule"));
        assertValidEverywhere(sent);
    }

    @Test
    void every_worked_example_and_every_scenario_in_the_jar_is_valid_for_the_schema_and_for_the_reader()
            throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> worked = Files.list(DOCS.resolve("scenarios"));
             Stream<Path> shipped = Files.list(Path.of("src", "main", "resources", "scenarios"))) {
            Stream.concat(worked, shipped).filter(p -> ScenarioText.isScenarioFile(p.getFileName().toString()))
                    .forEach(paths::add);
        }
        for (Path path : paths) {
            files.put(path.toString(), ScenarioText.parse(Files.readString(path), path.getFileName().toString()));
        }

        assertThat(files.keySet()).anyMatch(p -> p.endsWith("mxbank.json"))
                .anyMatch(p -> p.endsWith("two-questions-then-code.yaml")).anyMatch(p -> p.endsWith("slow-bank.json"));
        assertValidEverywhere(files);
        assertThat(ScenarioCheck.problems(paths, code -> Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesTheSchemaTells")
    void the_schema_and_the_reader_refuse_the_same_mistake_at_the_same_place(Scripted.Mistake mistake) {
        String valid = Scripted.acme("agree_cu");
        String document = mistake.in("agree_cu");
        String problem = mistake.problem();
        assertThat(document).isNotEqualTo(valid);
        assertThat(schemaErrors(valid)).isEmpty();

        List<Error> errors = schema.validate(document, InputFormat.JSON);
        List<String> problems = readerProblems(document);

        assertThat(problems).as("the reader's problems").hasSize(1);
        assertThat(problems.get(0)).startsWith(problem);
        String place = problem.substring(0, problem.indexOf(": "));
        String parent = place.substring(0, Math.max(place.lastIndexOf('.'), place.lastIndexOf('[')));
        assertThat(errors).as("the schema's errors").isNotEmpty()
                .allSatisfy(e -> assertThat(jsonPath(e)).as(describe(e)).isIn(place, parent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consentMistakes")
    void the_schema_and_the_reader_refuse_a_wrong_consent_outcome_at_the_same_place(String outcomes, String problem) {
        String document = "{\"institution\": {\"code\": \"consent_cu\", \"name\": \"Consent CU\", \"oauth\": "
                + outcomes + "}}";

        List<String> problems = readerProblems(document);
        List<Error> errors = schema.validate(document, InputFormat.JSON);

        assertThat(problems).as("the reader's problems").containsExactly(problem);
        String place = problem.substring(0, problem.indexOf(": "));
        String parent = place.substring(0, place.lastIndexOf('.'));
        assertThat(errors).as("the schema's errors").isNotEmpty()
                .allSatisfy(e -> assertThat(jsonPath(e)).as(describe(e)).isIn(place, parent));
    }

    static Stream<Arguments> consentMistakes() {
        return Stream.of(
                Arguments.of("{\"deny\": {\"outcome\": \"CONNECTED\"}}",
                        "$.institution.oauth.deny.outcome: CONNECTED is not one of PREVENTED, DENIED, REJECTED, LOCKED, "
                                + "IMPEDED, DEGRADED, DISCONNECTED, DISCONTINUED, CLOSED, FAILED, DISABLED, EXPIRED, IMPAIRED"),
                Arguments.of("{\"cancel\": {\"message\": \"Gone.\"}}",
                        "$.institution.oauth.cancel.outcome: is required with a message for cancel"),
                Arguments.of("{\"authorize\": {}}",
                        "$.institution.oauth.authorize.outcome: is required"),
                Arguments.of("{\"revoke\": {\"outcome\": \"FAILED\"}}",
                        "$.institution.oauth.revoke: unknown field (expected one of authorize, cancel, deny, error)"));
    }

    static Stream<Scripted.Mistake> mistakesTheSchemaTells() {
        return Scripted.MISTAKES.stream().filter(Scripted.Mistake::schemaTells);
    }

    /** Each document is valid for the schema, and for the reader as {@code check-scenario} reads files. */
    private void assertValidEverywhere(Map<String, JsonNode> documents) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
            assertThat(schemaErrors(e.getValue().toString())).as("schema errors in %s", e.getKey()).isEmpty();
            Path file = folder.resolve("example-" + files.size() + ".json");
            Files.writeString(file, e.getValue().toString());
            files.add(file);
        }
        assertThat(ScenarioCheck.problems(files, code -> Optional.empty())).as("the reader's problems").isEmpty();
    }

    /** The validator's errors, each as the JSON path of the place it concerns then its message. */
    private List<String> schemaErrors(String document) {
        return schema.validate(document, InputFormat.JSON).stream().map(ScenarioExamplesTest::describe).toList();
    }

    private static String describe(Error error) {
        return jsonPath(error) + ": " + error.getMessage();
    }

    /** Where the error is, as the reader names places: {@code /logins/1/outcome} is {@code $.logins[1].outcome}. */
    private static String jsonPath(Error error) {
        StringBuilder path = new StringBuilder("$");
        for (String token : error.getInstanceLocation().toString().split("/")) {
            if (!token.isEmpty()) {
                path.append(token.chars().allMatch(Character::isDigit) ? "[" + token + "]" : "." + token);
            }
        }
        return path.toString();
    }

    private static List<String> readerProblems(String document) {
        try {
            ScenarioReader.Result result = ScenarioReader.read(STRICT.readTree(document), code -> Optional.empty());
            return result instanceof ScenarioReader.Result.Invalid invalid ? invalid.problems() : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The guide's examples as complete scenarios, named by what they are: whole documents; login rules, challenges
     * and a login's fields (wrong-answer rules, answer outcomes, data) set in a small institution. Replies in MX's
     * error shape are not scenarios and are left out.
     */
    private static Map<String, JsonNode> guideExamples() throws IOException {
        String guide = Files.readString(DOCS.resolve("scenarios.md"));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Matcher block = JSON_BLOCK.matcher(guide);
        while (block.find()) {
            for (String fragment : fragments(block.group(1))) {
                JsonNode node = STRICT.readTree(fragment.startsWith("{") ? fragment : "{" + fragment + "}");
                String first = node.fieldNames().next();
                if (first.equals("error")) {
                    continue;
                }
                if (first.equals("institution")) {
                    add(out, "document", node);
                } else if (node.has("when")) {
                    ObjectNode document = smallInstitution(out.size());
                    ((ArrayNode) document.at("/institution/logins")).add(node);
                    add(out, "login", document);
                } else {
                    ObjectNode document = smallInstitution(out.size());
                    ((ObjectNode) document.at("/institution/logins/0")).setAll((ObjectNode) node);
                    add(out, first, document);
                }
            }
        }
        Matcher challenge = CHALLENGE_IN_TABLE.matcher(guide);
        while (challenge.find()) {
            JsonNode node = STRICT.readTree(challenge.group(1));
            ObjectNode document = smallInstitution(out.size());
            ((ArrayNode) document.at("/institution/logins/0/steps/0/challenges")).removeAll().add(node);
            out.put("challenge " + node.get("type").asText(), document);
        }
        return out;
    }

    /** The examples of a block: each starts on a line of its own and goes on over the lines indented under it. */
    private static List<String> fragments(String block) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            boolean starts = line.startsWith("\"") || line.startsWith("{");
            if (starts && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }

    private static void add(Map<String, JsonNode> out, String kind, JsonNode document) {
        int n = 1;
        while (out.containsKey(kind + " " + n)) {
            n++;
        }
        out.put(kind + " " + n, document);
    }

    /** An institution with the guide's two credentials and one login asking one question. */
    private static ObjectNode smallInstitution(int n) throws IOException {
        return (ObjectNode) STRICT.readTree("""
                {"institution": {"code": "example_N", "name": "Example",
                  "credentials": [{"field_name": "LOGIN", "label": "Login", "type": "TEXT"},
                                  {"field_name": "PASSWORD", "label": "Password", "type": "PASSWORD"}],
                  "logins": [{"steps": [{"challenges": [{"type": "TEXT", "label": "Pet?", "answer": "rex"}]}]}]}}
                """.replace("N", String.valueOf(n)));
    }
}
