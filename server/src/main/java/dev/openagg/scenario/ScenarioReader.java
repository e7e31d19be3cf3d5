package dev.openagg.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.ConsentOutcomes;
import dev.openagg.mxbank.data.MxBankHarvest;
import dev.openagg.scenario.ChallengeSpec.Image;
import dev.openagg.scenario.ChallengeSpec.OptionSpec;
import dev.openagg.scenario.Fields.Element;
import dev.openagg.scenario.Scenario.AnswerOutcome;
import dev.openagg.scenario.Scenario.Flow;
import dev.openagg.scenario.Scenario.JobCase;
import dev.openagg.scenario.Scenario.Login;
import dev.openagg.scenario.Scenario.Outcome;
import dev.openagg.scenario.Scenario.WrongAnswer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a scenario from its JSON tree (YAML files are read into the same tree) and checks it in the same pass: every
 * mistake is reported with its JSON path, and a scenario is built only when there is none. docs/scenario.schema.json
 * describes the same format; {@link #FIELDS} is the list of fields it and this reader accept.
 */
public final class ScenarioReader {
    /** Every field the format accepts, by the kind of object it belongs to. */
    public static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("document", Set.of("institution")),
            Map.entry("institution", Set.of("code", "name", "url", "instructional_text", "oauth", "credentials",
                    "supports", "logins", "on_wrong_answer", "answer_outcomes", "data")),
            Map.entry("oauth", Set.of("authorize", "deny", "cancel", "error")),
            Map.entry("consent_outcome", Set.of("outcome", "message")),
            Map.entry("credential", Set.of("field_name", "label", "type", "guid")),
            Map.entry("login", Set.of("when", "steps", "outcome", "message", "data", "on_wrong_answer",
                    "answer_outcomes", "jobs")),
            Map.entry("job", Set.of("if", "steps", "outcome", "message", "data", "on_wrong_answer")),
            Map.entry("if", Set.of("kind", "attempt", "every", "count")),
            Map.entry("step", Set.of("challenges", "on_wrong_answer", "delay_seconds")),
            Map.entry("challenge", Set.of("type", "label", "answer", "options", "image")),
            Map.entry("option", Set.of("label", "value", "image")),
            Map.entry("image", Set.of("word", "shape", "color")),
            Map.entry("answer", Set.of("pattern", "any")),
            Map.entry("on_wrong_answer", Set.of("retry", "then", "message", "go_to")),
            Map.entry("answer_outcome", Set.of("answer", "outcome", "message")),
            Map.entry("data", Set.of("accounts", "tax_documents", "generated")),
            Map.entry("generated", Set.of("accounts", "days", "history_days", "balances", "w2",
                    "same_for_every_member")),
            Map.entry("balances", Set.copyOf(MxBankHarvest.Settings.TYPES)),
            Map.entry("account", Set.of("id", "name", "type", "subtype", "balance", "available_balance",
                    "credit_limit", "interest_rate", "account_number", "routing_number", "currency_code", "opened_on",
                    "transactions", "holdings", "owners", "statements")),
            Map.entry("transaction", Set.of("id", "date", "posted_date", "status", "amount", "description",
                    "category")),
            Map.entry("holding", Set.of("id", "symbol", "description", "holding_type", "cusip", "shares",
                    "purchase_price", "cost_basis", "market_value")),
            Map.entry("owner", Set.of("name", "first_name", "last_name", "address", "city", "state", "postal_code",
                    "country", "email", "phone")),
            Map.entry("tax_document", Set.of("form", "title", "tax_year", "recipient", "boxes")),
            Map.entry("box", Set.of("box", "label", "amount")));

    /** MX's account types. */
    public static final List<String> ACCOUNT_TYPES = List.of("CHECKING", "SAVINGS", "LOAN", "CREDIT_CARD",
            "INVESTMENT", "LINE_OF_CREDIT", "MORTGAGE", "PROPERTY", "CASH", "INSURANCE", "PREPAID");
    public static final List<String> CREDENTIAL_TYPES = List.of("TEXT", "PASSWORD");
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final int LONGEST_DELAY_S = 86_400;

    private final List<String> problems = new ArrayList<>();
    /** The institution's code, which seeds generated data that is the same for every member. */
    private String code;
    /** An OAuth institution's outcomes per consent choice, where its {@code oauth} object gives them. */
    private final Map<ConsentOutcomes.Choice, Outcome> consentOutcomes = new EnumMap<>(ConsentOutcomes.Choice.class);

    private ScenarioReader() {
    }

    /** A scenario, or every problem found in it. */
    public sealed interface Result {
        record Valid(Scenario scenario) implements Result {
        }

        record Invalid(List<String> problems) implements Result {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /**
     * Reads {@code {"institution": {...}}}. {@code codeClash} says why a code cannot be used (a built-in institution
     * has it, another scenario has it), or empty when it can.
     */
    public static Result read(JsonNode document, Function<String, Optional<String>> codeClash) {
        ScenarioReader reader = new ScenarioReader();
        Optional<Scenario> scenario = Fields.object(document, "$", FIELDS.get("document"), reader.problems)
                .flatMap(root -> reader.institution(root.raw("institution"), root.path("institution"), codeClash));
        if (scenario.isEmpty() && reader.problems.isEmpty()) {
            reader.problems.add("$.institution: is required");
        }
        return reader.result(scenario);
    }

    /**
     * Reads one login rule given inline (a member of the built-in {@code custom_scenario} puts it in its password)
     * as a scenario of {@code institution} with that one login, matching any credentials.
     */
    public static Result readLogin(JsonNode rule, InstitutionInfo institution) {
        ScenarioReader reader = new ScenarioReader();
        reader.code = institution.code();
        Set<String> allowed = new HashSet<>(FIELDS.get("login"));
        allowed.remove("when");
        Optional<Login> login = Fields.object(rule, "$", allowed, reader.problems)
                .map(f -> reader.login(f, Set.of()));
        return reader.result(login.map(l -> new Scenario(institution, List.of(l), WrongAnswer.REJECT, List.of(),
                ScenarioData.GENERATED, null, Map.of())));
    }

    private Result result(Optional<Scenario> scenario) {
        return problems.isEmpty() && scenario.isPresent() ? new Result.Valid(scenario.get())
                : new Result.Invalid(problems);
    }

    private Optional<Scenario> institution(JsonNode node, String path, Function<String, Optional<String>> codeClash) {
        Optional<Fields> read = Fields.object(node, path, FIELDS.get("institution"), problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields f = read.get();
        code = f.text("code", true).orElse(null);
        if (code != null && !CODE.matcher(code).matches()) {
            f.problem("code", "\"" + code + "\" must be 1 to 64 lower-case letters, digits or underscores");
        } else if (code != null) {
            codeClash.apply(code).ifPresent(why -> f.problem("code", why));
        }
        String name = f.text("name", true).orElse(null);
        if (name != null && name.length() > 255) {
            f.problem("name", "must be at most 255 characters");
        }
        String url = f.text("url", false).orElse(null);
        if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
            f.problem("url", "must be an http or https URL");
        }
        boolean oauth = oauth(f);
        Set<String> fieldNames = new HashSet<>();
        List<CredentialField> credentials = oauth ? List.of() : credentials(f, code, fieldNames);
        Set<JobKind> supports = supports(f);
        List<Login> logins = f.list("logins", !oauth, e -> Fields.object(e.node(), e.path(), FIELDS.get("login"),
                problems).map(l -> login(l, fieldNames)));
        if (oauth) {
            logins = oauthLogins(f, logins);
        }
        WrongAnswer onWrong = f.has("on_wrong_answer")
                ? wrongAnswer(f.raw("on_wrong_answer"), f.path("on_wrong_answer"), -1) : WrongAnswer.REJECT;
        List<AnswerOutcome> answerOutcomes = answerOutcomes(f);
        ScenarioData data = f.has("data") ? data(f.raw("data"), f.path("data")) : ScenarioData.GENERATED;
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        InstitutionInfo info = new InstitutionInfo(code, name, url, f.text("instructional_text", false).orElse(null),
                credentials, supports.contains(JobKind.IDENTITY), supports.contains(JobKind.STATEMENTS),
                supports.contains(JobKind.VERIFICATION), supports.contains(JobKind.TAX_DOCUMENTS),
                supports.contains(JobKind.HISTORY), oauth);
        return Optional.of(new Scenario(info, logins, onWrong, answerOutcomes, data, fingerprint(node),
                consentOutcomes));
    }

    /**
     * {@code "oauth": true}, or an object of outcomes per consent choice: members connect through the consent page, so
     * the institution has no credentials and its logins neither match credentials nor ask MFA questions.
     */
    private boolean oauth(Fields f) {
        JsonNode node = f.raw("oauth");
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isObject()) {
            Fields.object(node, f.path("oauth"), FIELDS.get("oauth"), problems).ifPresent(this::consentOutcomes);
        } else if (!node.isBoolean()) {
            f.problem("oauth", "must be true, false or an object of outcomes per consent choice");
            return false;
        }
        boolean oauth = node.isObject() || node.booleanValue();
        if (oauth && f.has("credentials")) {
            f.problem("credentials", "an OAuth institution has no credentials: its members sign in at its consent page");
        }
        return oauth;
    }

    /**
     * What each consent choice comes to: a status a member can rest in (CONNECTED for authorize only, or a failure)
     * and a message. A cancel's usual outcome leaves the member as it was, so its message needs an outcome too.
     */
    private void consentOutcomes(Fields f) {
        Set<ConnectionStatus> failures = EnumSet.noneOf(ConnectionStatus.class);
        Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::isFailure).forEach(failures::add);
        for (ConsentOutcomes.Choice choice : ConsentOutcomes.Choice.values()) {
            String name = choice.name().toLowerCase(Locale.ROOT);
            if (!f.has(name)) {
                continue;
            }
            Set<ConnectionStatus> allowed = EnumSet.copyOf(failures);
            if (choice == ConsentOutcomes.Choice.AUTHORIZE) {
                allowed.add(ConnectionStatus.CONNECTED);
            }
            Fields.object(f.raw(name), f.path(name), FIELDS.get("consent_outcome"), problems).ifPresent(c -> {
                Optional<Outcome> outcome = outcome(c, "outcome", allowed);
                boolean message = c.has("message");
                if (!c.has("outcome") && (choice == ConsentOutcomes.Choice.AUTHORIZE
                        || choice == ConsentOutcomes.Choice.CANCEL || !message)) {
                    c.problem("outcome", "is required" + (message ? " with a message for " + name : ""));
                } else if (message && outcome.filter(o -> o.status() == ConnectionStatus.CONNECTED).isPresent()) {
                    c.problem("message", "a connected member has no message; give a failure outcome with it");
                }
                ConnectionStatus usual = choice == ConsentOutcomes.Choice.DENY ? ConnectionStatus.DENIED
                        : ConnectionStatus.FAILED;
                outcome.or(() -> c.text("message", false).map(m -> new Outcome(usual, m)))
                        .ifPresent(o -> consentOutcomes.put(choice, o));
            });
        }
    }

    /** An OAuth institution's logins: without any, one that connects; each without {@code when} or challenges. */
    private List<Login> oauthLogins(Fields f, List<Login> logins) {
        if (!f.has("logins")) {
            return List.of(new Login(Map.of(), new Flow(List.of(), Outcome.CONNECTED, null, null), List.of(),
                    List.of()));
        }
        for (int i = 0; i < logins.size(); i++) {
            Login login = logins.get(i);
            String path = f.path("logins") + "[" + i + "]";
            if (f.raw("logins").get(i).has("when")) {
                problems.add(path + ".when: an OAuth institution has no credentials to match");
            }
            boolean asks = Stream.concat(Stream.of(login.flow()),
                            login.jobs().stream().map(Scenario.JobCase::flow))
                    .anyMatch(flow -> flow.steps().stream().anyMatch(ScenarioStep.Round.class::isInstance));
            if (asks) {
                problems.add(path + ": an OAuth institution asks no MFA challenges; its jobs run on the consent given");
            }
        }
        return logins;
    }

    /** {@code names} gets every field name given, even of a credential with other mistakes, for the logins' checks. */
    private List<CredentialField> credentials(Fields f, String code, Set<String> names) {
        Set<String> guids = new HashSet<>();
        return f.list("credentials", true, e -> Fields.object(e.node(), e.path(), FIELDS.get("credential"), problems)
                .flatMap(c -> {
                    String fieldName = c.text("field_name", true).orElse(null);
                    String label = c.text("label", true).orElse(null);
                    String type = c.oneOf("type", CREDENTIAL_TYPES, true).orElse(null);
                    String guid = c.text("guid", false).orElse(null);
                    if (fieldName != null && !names.add(fieldName)) {
                        c.problem("field_name", fieldName + " is listed twice");
                    }
                    if (guid != null && (!guid.startsWith("CRD-") || !guids.add(guid))) {
                        c.problem("guid", "must start with CRD- and not repeat another credential's");
                    }
                    if (fieldName == null || label == null || type == null) {
                        return Optional.empty();
                    }
                    String stable = guid != null ? guid : "CRD-" + UUID.nameUUIDFromBytes(("credential:" + code + ":"
                            + fieldName).getBytes(StandardCharsets.UTF_8));
                    return Optional.of(new CredentialField(stable, fieldName, label, type, e.index() + 1));
                }));
    }

    private Set<JobKind> supports(Fields f) {
        if (!f.has("supports")) {
            return EnumSet.allOf(JobKind.class);
        }
        Set<JobKind> kinds = EnumSet.of(JobKind.AGGREGATE, JobKind.BALANCE);
        kinds.addAll(kinds(f, "supports"));
        return kinds;
    }

    private List<JobKind> kinds(Fields f, String field) {
        List<String> paths = Arrays.stream(JobKind.values()).map(JobKind::path).toList();
        return f.list(field, false, e -> {
            if (!e.node().isTextual() || !paths.contains(e.node().textValue())) {
                problems.add(e.path() + ": must be one of " + String.join(", ", paths));
                return Optional.empty();
            }
            return JobKind.ofPath(e.node().textValue());
        });
    }

    private Login login(Fields f, Set<String> fieldNames) {
        Map<String, String> when = new LinkedHashMap<>();
        if (f.has("when")) {
            JsonNode node = f.raw("when");
            if (!node.isObject()) {
                f.problem("when", "must be an object of credential field names and values");
            } else {
                node.fields().forEachRemaining(e -> {
                    if (!fieldNames.contains(e.getKey())) {
                        problems.add(f.path("when") + "." + e.getKey() + ": is not a credential field_name of this"
                                + " institution");
                    } else if (!e.getValue().isTextual()) {
                        problems.add(f.path("when") + "." + e.getKey() + ": must be a string");
                    } else {
                        when.put(e.getKey(), e.getValue().textValue());
                    }
                });
            }
        }
        Flow flow = flow(f);
        List<JobCase> jobs = f.list("jobs", false, e -> Fields.object(e.node(), e.path(), FIELDS.get("job"),
                problems).map(this::jobCase));
        return new Login(Map.copyOf(when), flow, jobs, answerOutcomes(f));
    }

    private JobCase jobCase(Fields f) {
        Set<JobKind> kinds = EnumSet.noneOf(JobKind.class);
        Set<Integer> attempts = new HashSet<>();
        int every = 1;
        boolean countKind = false;
        Optional<Fields> condition = f.has("if") ? Fields.object(f.raw("if"), f.path("if"), FIELDS.get("if"),
                problems) : Optional.empty();
        if (condition.isPresent()) {
            Fields c = condition.get();
            if (c.has("kind")) {
                kinds.addAll(kinds(c, "kind"));
            }
            JsonNode attempt = c.raw("attempt");
            if (attempt != null && attempt.isIntegralNumber() && attempt.asInt() >= 1) {
                attempts.add(attempt.asInt());
            } else if (attempt != null) {
                attempts.addAll(c.list("attempt", false, e -> e.node().isIntegralNumber() && e.node().asInt() >= 1
                        ? Optional.of(e.node().asInt()) : badAttempt(e)));
            }
            every = c.integer("every", 1, 10_000).orElse(1);
            countKind = "kind".equals(c.oneOf("count", List.of("all", "kind"), false).orElse("all"));
        }
        return new JobCase(kinds, attempts, every, countKind, flow(f));
    }

    private Optional<Integer> badAttempt(Element e) {
        problems.add(e.path() + ": an attempt is a job's number for the member, from 1");
        return Optional.empty();
    }

    /** The steps, outcome, data and wrong-answer rule of a login or of a job case. */
    private Flow flow(Fields f) {
        List<ScenarioStep> steps = f.list("steps", false, e -> Fields.object(e.node(), e.path(), FIELDS.get("step"),
                problems).flatMap(s -> step(s, e.index())));
        Set<ConnectionStatus> ends = EnumSet.of(ConnectionStatus.CONNECTED);
        Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::isFailure).forEach(ends::add);
        Outcome outcome = outcome(f, "outcome", ends).orElse(Outcome.CONNECTED);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof ScenarioStep.Round round && round.onWrongAnswer() != null) {
                checkGoTo(round.onWrongAnswer(), steps.size(), f.path("steps") + "[" + i + "].on_wrong_answer");
            }
        }
        WrongAnswer onWrong = null;
        if (f.has("on_wrong_answer")) {
            onWrong = wrongAnswer(f.raw("on_wrong_answer"), f.path("on_wrong_answer"), steps.size());
        }
        ScenarioData data = f.has("data") ? data(f.raw("data"), f.path("data")) : null;
        return new Flow(steps, outcome, data, onWrong);
    }

    private void checkGoTo(WrongAnswer rule, int steps, String path) {
        if (rule.goTo() != null && rule.goTo() >= steps) {
            problems.add(path + ".go_to: there is no step " + rule.goTo() + " (steps count from 0; this login has "
                    + steps + ")");
        }
    }

    private Optional<ScenarioStep> step(Fields f, int index) {
        boolean round = f.has("challenges");
        boolean pause = f.has("delay_seconds");
        if (round == pause) {
            problems.add(f.path() + ": a step has either challenges or delay_seconds");
            return Optional.empty();
        }
        if (pause) {
            if (f.has("on_wrong_answer")) {
                f.problem("on_wrong_answer", "only a round of challenges has wrong answers");
            }
            return f.integer("delay_seconds", 1, LONGEST_DELAY_S).map(s -> new ScenarioStep.Pause(Duration.ofSeconds(s)));
        }
        List<ChallengeSpec> challenges = f.list("challenges", true, e -> Fields.object(e.node(), e.path(),
                FIELDS.get("challenge"), problems).flatMap(c -> challenge(c, index)));
        WrongAnswer onWrong = f.has("on_wrong_answer")
                ? wrongAnswer(f.raw("on_wrong_answer"), f.path("on_wrong_answer"), Integer.MAX_VALUE) : null;
        return Optional.of(new ScenarioStep.Round(challenges, onWrong));
    }

    private Optional<ChallengeSpec> challenge(Fields f, int stepIndex) {
        List<String> types = Arrays.stream(ChallengeType.values()).map(Enum::name).toList();
        ChallengeType type = f.oneOf("type", types, true).map(ChallengeType::valueOf).orElse(null);
        String label = f.text("label", true).orElse(null);
        if (label != null && label.contains(ChallengeSpec.CHOSEN) && stepIndex == 0) {
            f.problem("label", ChallengeSpec.CHOSEN + " needs a round with options before it");
        }
        AnswerRule answer = f.has("answer") ? answer(f.raw("answer"), f.path("answer")).orElse(null) : null;
        if (!f.has("answer")) {
            f.problem("answer", "is required: the right answer (a value, a list of values, {\"pattern\": ...} or"
                    + " {\"any\": true})");
        }
        List<OptionSpec> options = List.of();
        Image image = null;
        if (type != null && type.hasOptions()) {
            Set<String> values = new HashSet<>();
            options = f.list("options", true, e -> Fields.object(e.node(), e.path(), FIELDS.get("option"), problems)
                    .flatMap(o -> option(o, type, values)));
            if (answer instanceof AnswerRule.Values given) {
                given.values().stream().filter(v -> !values.contains(v)).forEach(v -> f.problem("answer",
                        "\"" + v + "\" is not the value of one of the options"));
            }
        } else if (f.has("options")) {
            f.problem("options", "only OPTIONS and IMAGE_OPTIONS challenges have options");
        }
        if (type == ChallengeType.IMAGE_DATA) {
            image = f.has("image") ? image(f.raw("image"), f.path("image")).orElse(null) : null;
            if (!f.has("image")) {
                f.problem("image", "is required for an IMAGE_DATA challenge");
            }
        } else if (f.has("image")) {
            f.problem("image", "only IMAGE_DATA challenges have an image (IMAGE_OPTIONS options have their own)");
        }
        if (type == null || label == null || answer == null) {
            return Optional.empty();
        }
        return Optional.of(new ChallengeSpec(type, label, answer, options, image));
    }

    private Optional<OptionSpec> option(Fields f, ChallengeType type, Set<String> values) {
        String label = f.text("label", true).orElse(null);
        String value = f.text("value", true).orElse(null);
        if (value != null && !values.add(value)) {
            f.problem("value", "\"" + value + "\" is the value of another option too");
        }
        Image image = null;
        if (type == ChallengeType.IMAGE_OPTIONS) {
            image = f.has("image") ? image(f.raw("image"), f.path("image")).orElse(null) : null;
            if (!f.has("image")) {
                f.problem("image", "is required for an IMAGE_OPTIONS option");
            }
        } else if (f.has("image")) {
            f.problem("image", "only IMAGE_OPTIONS options have an image");
        }
        return label == null || value == null ? Optional.empty() : Optional.of(new OptionSpec(label, value, image));
    }

    private Optional<Image> image(JsonNode node, String path) {
        if (node.isTextual()) {
            String uri = node.textValue();
            if (!uri.startsWith("data:image/") || !uri.contains(";base64,")) {
                problems.add(path + ": must be a data URI (data:image/png;base64,...), {\"word\": ...} or"
                        + " {\"shape\": ..., \"color\": ...}");
                return Optional.empty();
            }
            return Optional.of(new Image.Given(uri));
        }
        return Fields.object(node, path, FIELDS.get("image"), problems).flatMap(f -> {
            if (f.has("word") == f.has("shape")) {
                problems.add(path + ": give either word or shape (with color)");
                return Optional.empty();
            }
            if (f.has("word")) {
                Optional<String> word = f.text("word", true);
                if (word.isPresent() && word.get().length() > Pictures.LONGEST_WORD) {
                    f.problem("word", "must be at most " + Pictures.LONGEST_WORD + " characters");
                    return Optional.empty();
                }
                return word.map(Image.Word::new);
            }
            Optional<String> shape = f.oneOf("shape", Pictures.SHAPES, true);
            Optional<String> color = f.text("color", true);
            if (color.isPresent() && !COLOR.matcher(color.get()).matches()) {
                f.problem("color", "must be like #27AE60");
                return Optional.empty();
            }
            return shape.flatMap(s -> color.map(c -> new Image.Shape(s, Integer.parseInt(c.substring(1), 16))));
        });
    }

    private Optional<AnswerRule> answer(JsonNode node, String path) {
        if (node.isTextual() || node.isNumber()) {
            return Optional.of(new AnswerRule.Values(List.of(node.asText())));
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            boolean scalars = true;
            for (JsonNode v : node) {
                scalars &= v.isTextual() || v.isNumber();
            }
            if (values.isEmpty() || !scalars) {
                problems.add(path + ": a list of answers must hold at least one value, each a string");
                return Optional.empty();
            }
            return Optional.of(new AnswerRule.Values(List.copyOf(values)));
        }
        return Fields.object(node, path, FIELDS.get("answer"), problems).flatMap(f -> {
            if (f.has("pattern") == f.has("any")) {
                problems.add(path + ": give either pattern or any");
                return Optional.empty();
            }
            if (f.has("any")) {
                if (!f.bool("any")) {
                    f.problem("any", "must be true");
                }
                return Optional.of(new AnswerRule.Any());
            }
            return f.text("pattern", true).flatMap(p -> {
                try {
                    return Optional.of(new AnswerRule.Matching(Pattern.compile(p)));
                } catch (PatternSyntaxException e) {
                    f.problem("pattern", "is not a valid regular expression: " + e.getDescription());
                    return Optional.empty();
                }
            });
        });
    }

    /** {@code steps}: how many steps a go_to may name; -1 where go_to is not allowed. */
    private WrongAnswer wrongAnswer(JsonNode node, String path, int steps) {
        Set<ConnectionStatus> failures = EnumSet.noneOf(ConnectionStatus.class);
        Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::isFailure).forEach(failures::add);
        if (node.isTextual()) {
            return status(node.textValue(), path, failures).map(s -> new WrongAnswer(0, new Outcome(s, null), null))
                    .orElse(WrongAnswer.REJECT);
        }
        return Fields.object(node, path, FIELDS.get("on_wrong_answer"), problems).map(f -> {
            int retries = f.integer("retry", 0, 100).orElse(0);
            if (f.has("then") && f.has("go_to")) {
                problems.add(path + ": give either then or go_to");
            }
            Integer goTo = null;
            if (f.has("go_to")) {
                if (steps < 0) {
                    f.problem("go_to", "is only for a login's, a job's or a round's on_wrong_answer");
                }
                goTo = f.integer("go_to", 0, 1000).orElse(null);
                if (goTo != null && steps >= 0 && steps != Integer.MAX_VALUE) {
                    checkGoTo(new WrongAnswer(retries, null, goTo), steps, path);
                }
            }
            Outcome end = outcome(f, "then", failures).orElse(Outcome.REJECTED);
            return new WrongAnswer(retries, end, goTo);
        }).orElse(WrongAnswer.REJECT);
    }

    private Optional<Outcome> outcome(Fields f, String field, Set<ConnectionStatus> allowed) {
        Optional<String> message = f.text("message", false);
        if (message.isPresent() && message.get().length() > 500) {
            f.problem("message", "must be at most 500 characters");
        }
        if (!f.has(field)) {
            return Optional.empty();
        }
        if (!f.raw(field).isTextual()) {
            f.problem(field, "must be a status name");
            return Optional.empty();
        }
        return status(f.raw(field).textValue(), f.path(field), allowed).map(s -> new Outcome(s, message.orElse(null)));
    }

    private Optional<ConnectionStatus> status(String name, String path, Set<ConnectionStatus> allowed) {
        ConnectionStatus status = Arrays.stream(ConnectionStatus.values()).filter(s -> s.name().equals(name))
                .findFirst().orElse(null);
        if (status == null || !allowed.contains(status)) {
            problems.add(path + ": " + name + " is not one of " + String.join(", ", allowed.stream().map(Enum::name)
                    .toList()));
            return Optional.empty();
        }
        return Optional.of(status);
    }

    private List<AnswerOutcome> answerOutcomes(Fields f) {
        Set<ConnectionStatus> ends = EnumSet.noneOf(ConnectionStatus.class);
        Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::isFailure).forEach(ends::add);
        return f.list("answer_outcomes", false, e -> Fields.object(e.node(), e.path(), FIELDS.get("answer_outcome"),
                problems).flatMap(a -> {
                    Optional<AnswerRule> answer = a.has("answer") ? answer(a.raw("answer"), a.path("answer"))
                            : Optional.empty();
                    if (!a.has("answer")) {
                        a.problem("answer", "is required");
                    }
                    if (!a.has("outcome")) {
                        a.problem("outcome", "is required");
                    }
                    Optional<Outcome> outcome = outcome(a, "outcome", ends);
                    return answer.flatMap(r -> outcome.map(o -> new AnswerOutcome(r, o)));
                }));
    }

    private ScenarioData data(JsonNode node, String path) {
        return Fields.object(node, path, FIELDS.get("data"), problems).map(f -> {
            if (f.has("generated")) {
                if (f.has("accounts") || f.has("tax_documents")) {
                    problems.add(path + ": give either generated or accounts and tax_documents");
                }
                return Fields.object(f.raw("generated"), f.path("generated"), FIELDS.get("generated"), problems)
                        .map(this::generated).orElse(ScenarioData.GENERATED);
            }
            Set<String> ids = new HashSet<>();
            List<ScenarioData.Account> accounts = f.list("accounts", false, e -> Fields.object(e.node(), e.path(),
                    FIELDS.get("account"), problems).flatMap(a -> LiteralData.account(a, e.index(), ids, problems)));
            List<ScenarioData.TaxDocument> taxDocuments = f.list("tax_documents", false, e -> Fields.object(e.node(),
                    e.path(), FIELDS.get("tax_document"), problems).flatMap(t -> LiteralData.taxDocument(t, problems)));
            return new ScenarioData(accounts, taxDocuments, null);
        }).orElse(ScenarioData.GENERATED);
    }

    /** MX Bank's generator with a scenario's parameters. */
    private ScenarioData generated(Fields g) {
        MxBankHarvest.Settings mx = MxBankHarvest.Settings.MX_BANK;
        String seed = g.bool("same_for_every_member") ? "scenario:" + code : null;
        int accounts = g.integer("accounts", 1, 4).orElse(mx.accounts());
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        if (g.has("balances")) {
            List<String> generated = MxBankHarvest.Settings.TYPES.subList(0, accounts);
            Fields.object(g.raw("balances"), g.path("balances"), FIELDS.get("balances"), problems).ifPresent(b ->
                    MxBankHarvest.Settings.TYPES.forEach(type -> b.money(type, false).ifPresent(balance -> {
                        if (generated.contains(type)) {
                            balances.put(type, balance);
                        } else {
                            b.problem(type, "there is no generated " + type + " account: with accounts " + accounts
                                    + ", the generated ones are " + String.join(", ", generated));
                        }
                    })));
        }
        if (!problems.isEmpty()) {
            return ScenarioData.GENERATED;
        }
        return new ScenarioData(List.of(), List.of(), new MxBankHarvest.Settings(accounts,
                g.integer("days", 1, 3650).orElse(mx.recentDays()),
                g.integer("history_days", 1, 3650).orElse(mx.historyDays()), g.bool("w2"), seed, balances));
    }

    private static String fingerprint(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Optional<YearMonth> month(Element e, List<String> problems) {
        try {
            return Optional.of(YearMonth.parse(e.node().asText()));
        } catch (DateTimeParseException ex) {
            problems.add(e.path() + ": must be a month like 2026-10");
            return Optional.empty();
        }
    }
}
