package dev.openagg.ofx;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code OPENAGG_OFX_INSTITUTIONS}: a JSON or YAML file with an {@code institutions} list. Every problem is
 * reported at once, each naming the entry (its position and code) and the field, so a bad file is fixed in one go.
 */
final class InstitutionsFile {
    static final String DEFAULT_APP_ID = "QWIN";
    static final String DEFAULT_APP_VERSION = "2700";
    static final int DEFAULT_CONNECT_TIMEOUT_S = 10;
    static final int DEFAULT_READ_TIMEOUT_S = 30;
    static final int DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024;

    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");
    private static final Set<String> FIELDS = Set.of("code", "name", "url", "org", "fid", "bank_id", "broker_id",
            "ofx_version", "app_id", "app_version", "allow_http", "connect_timeout_s", "read_timeout_s",
            "max_reply_bytes");

    /** A file that cannot be used; the message names the file, and each bad entry and field. */
    static final class Invalid extends RuntimeException {
        Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private InstitutionsFile() {
    }

    static List<OfxInstitution> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new Invalid(file + " is not valid " + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new Invalid("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("institutions").isArray()) {
            throw new Invalid(file + " needs a list named \"institutions\"", null);
        }
        List<String> problems = new ArrayList<>();
        List<OfxInstitution> institutions = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.path("institutions")) {
            Entry e = new Entry(entry, index++, problems);
            String code = entry.path("code").asText("");
            if (!code.isEmpty() && !codes.add(code)) {
                problems.add(e.where + ": code " + code + " appears twice");
            }
            OfxInstitution institution = e.institution();
            if (institution != null) {
                institutions.add(institution);
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(file + ": " + String.join("; ", problems), null);
        }
        return institutions;
    }

    /** One entry being checked; problems go to the shared list. */
    private static final class Entry {
        final JsonNode node;
        final String where;
        final List<String> problems;
        final int before;

        Entry(JsonNode node, int index, List<String> problems) {
            this.node = node;
            String code = node.path("code").isTextual() ? " (" + node.path("code").asText() + ")" : "";
            this.where = "institutions[" + index + "]" + code;
            this.problems = problems;
            this.before = problems.size();
        }

        OfxInstitution institution() {
            if (!node.isObject()) {
                problems.add(where + " is not an object");
                return null;
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    problems.add(where + ": unknown field " + field);
                }
            }
            String code = text("code", true);
            if (code != null && !CODE.matcher(code).matches()) {
                problems.add(where + ": code must be 1 to 64 lower-case letters, digits or underscores");
            }
            String name = text("name", true);
            URI url = url();
            String org = text("org", true);
            String fid = text("fid", false);
            String bankId = text("bank_id", false);
            if (bankId != null && !DIGITS.matcher(bankId).matches()) {
                problems.add(where + ": bank_id must be digits (a routing number)");
            }
            String brokerId = text("broker_id", false);
            String versionText = text("ofx_version", true);
            if (versionText != null && !OfxVersion.known(versionText)) {
                problems.add(where + ": ofx_version must be one of 102, 103, 151, 160 (SGML) or 200, 201, 202, 203,"
                        + " 210, 211, 220 (XML), not " + versionText);
            }
            String appId = orElse(text("app_id", false), DEFAULT_APP_ID);
            String appVersion = orElse(text("app_version", false), DEFAULT_APP_VERSION);
            int connect = number("connect_timeout_s", DEFAULT_CONNECT_TIMEOUT_S, 1, 300);
            int read = number("read_timeout_s", DEFAULT_READ_TIMEOUT_S, 1, 600);
            int maxBytes = number("max_reply_bytes", DEFAULT_MAX_REPLY_BYTES, 1024, 256 * 1024 * 1024);
            if (problems.size() > before) {
                return null;
            }
            return new OfxInstitution(code, name, url, org, fid, bankId, brokerId, new OfxVersion(versionText), appId,
                    appVersion, Duration.ofSeconds(connect), Duration.ofSeconds(read), maxBytes);
        }

        private URI url() {
            String text = text("url", true);
            JsonNode allow = node.path("allow_http");
            if (!allow.isMissingNode() && !allow.isBoolean()) {
                problems.add(where + ": allow_http must be true or false");
            }
            if (text == null) {
                return null;
            }
            URI url;
            try {
                url = new URI(text);
            } catch (URISyntaxException e) {
                problems.add(where + ": url is not a URL (" + e.getReason() + ")");
                return null;
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(where + ": url must be an https URL with a host");
            } else if (scheme.equals("http") && !allow.asBoolean(false)) {
                problems.add(where + ": url must be https (\"allow_http\": true permits http, for a local test server)");
            }
            return url;
        }

        private String text(String field, boolean required) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                if (required) {
                    problems.add(where + ": " + field + " is required");
                }
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                problems.add(where + ": " + field + " must be a string");
                return null;
            }
            String text = value.asText().trim();
            if (text.isEmpty()) {
                problems.add(where + ": " + field + " must not be empty");
                return null;
            }
            return text;
        }

        private int number(String field, int fallback, int min, int max) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
                problems.add(where + ": " + field + " must be a whole number from " + min + " to " + max);
                return fallback;
            }
            return value.asInt();
        }

        private static String orElse(String value, String fallback) {
            return value == null ? fallback : value;
        }
    }
}
