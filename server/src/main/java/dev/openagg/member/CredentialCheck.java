package dev.openagg.member;

import dev.openagg.api.Body.GuidValue;
import dev.openagg.api.Lengths;
import dev.openagg.api.Problems;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.member.MemberStore.StoredCredential;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Matches credentials sent by a client against the institution's login form. */
final class CredentialCheck {
    private CredentialCheck() {
    }

    /**
     * The credentials to store. With {@code complete}, every field of the form must be given (member creation);
     * otherwise any subset may be (an update replaces just those).
     */
    static List<StoredCredential> check(InstitutionInfo institution, List<GuidValue> sent, boolean complete,
                                        Problems problems) {
        Map<String, CredentialField> fields = institution.credentials().stream()
                .collect(Collectors.toMap(CredentialField::guid, Function.identity()));
        List<StoredCredential> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GuidValue credential : sent) {
            CredentialField field = credential.guid() == null ? null : fields.get(credential.guid());
            if (field == null) {
                problems.add("credential guid " + credential.guid() + " is not a credential of " + institution.code());
            } else if (!seen.add(field.guid())) {
                problems.add("credential " + field.fieldName() + " is given twice");
            } else if (credential.value() == null || credential.value().isEmpty()) {
                problems.add("credential " + field.fieldName() + " needs a value");
            } else if (credential.value().codePointCount(0, credential.value().length()) > Lengths.CREDENTIAL_VALUE) {
                problems.add("credential " + field.fieldName() + " must be at most " + Lengths.CREDENTIAL_VALUE + " characters");
            } else {
                result.add(new StoredCredential(field.guid(), field.fieldName(), credential.value()));
            }
        }
        if (complete) {
            institution.credentials().stream()
                    .filter(f -> !seen.contains(f.guid()))
                    .forEach(f -> problems.add("credential " + f.fieldName() + " (" + f.guid() + ") is required"));
        }
        return result;
    }
}
