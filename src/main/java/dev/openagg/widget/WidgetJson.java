package dev.openagg.widget;

import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.job.JobEngine;
import dev.openagg.member.StatusMessages;
import java.math.BigDecimal;
import java.util.List;

/** The widget API's replies; OpenAgg's own, shaped for the page. */
final class WidgetJson {
    private WidgetJson() {
    }

    record Session(String userGuid, String mode, String colorScheme, String institutionCode, String memberGuid) {
    }

    record Field(String guid, String label, String fieldName, String type) {
    }

    record Institution(String code, String name, List<Field> credentials) {
    }

    record Option(String guid, String label, String value, String dataUri) {
    }

    record Challenge(String guid, String type, String label, String imageData, List<Option> options) {
    }

    record Member(String guid, String userGuid, String institutionCode, String institutionName, String connectionStatus,
                  String message, boolean isBeingAggregated, List<Challenge> challenges) {
    }

    record Account(String name, String type, BigDecimal balance) {
    }

    static Institution institution(InstitutionInfo i) {
        return new Institution(i.code(), i.name(), i.credentials().stream()
                .map(f -> new Field(f.guid(), f.label(), f.fieldName(), f.type())).toList());
    }

    static Member member(JobEngine.View view, InstitutionInfo institution) {
        var m = view.member();
        var status = m.status().connectionStatus();
        return new Member(m.guid(), m.userGuid(), m.institutionCode(), institution.name(), status.name(),
                StatusMessages.of(status, institution.name()), m.status().isBeingAggregated(),
                view.challenges().stream().map(c -> new Challenge(c.guid(), c.type().name(), c.label(), c.imageData(),
                        c.options().stream().map(WidgetJson::option).toList())).toList());
    }

    private static Option option(ChallengeOption o) {
        return new Option(o.guid(), o.label(), o.value(), o.dataUri());
    }
}
