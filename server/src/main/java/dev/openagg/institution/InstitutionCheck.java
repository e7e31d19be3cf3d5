package dev.openagg.institution;

import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a connector's {@code institution()} must be for OpenAgg to publish it; checked once, at start. */
final class InstitutionCheck {
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");

    private InstitutionCheck() {
    }

    /** Every problem with {@code info}, or none. */
    static List<String> problems(InstitutionInfo info) {
        List<String> problems = new ArrayList<>();
        if (info.code() == null || !CODE.matcher(info.code()).matches()) {
            problems.add("code " + quoted(info.code()) + " must be 1 to 64 lower-case letters, digits or underscores");
        }
        if (blank(info.name()) || info.name().length() > 255) {
            problems.add("name must be given, in at most 255 characters");
        }
        if (info.url() != null && !info.url().startsWith("https://") && !info.url().startsWith("http://")) {
            problems.add("url " + quoted(info.url()) + " must be an http or https URL");
        }
        Set<String> guids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CredentialField field : info.credentials()) {
            String which = "credential " + quoted(field.fieldName());
            if (blank(field.guid()) || !field.guid().startsWith("CRD-")) {
                problems.add(which + " needs a guid starting with CRD-");
            } else if (!guids.add(field.guid())) {
                problems.add(which + " repeats the guid " + field.guid());
            }
            if (blank(field.fieldName())) {
                problems.add("a credential needs a field_name");
            } else if (!names.add(field.fieldName())) {
                problems.add(which + " is listed twice");
            }
            if (blank(field.label()) || blank(field.type())) {
                problems.add(which + " needs a label and a type");
            }
        }
        return problems;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
