package dev.openagg.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import java.util.List;

/**
 * The wire form of a challenge ({@code ChallengeResponse}). {@code type} is the spec's string; MX's older guide
 * examples show a number there. {@code image_data}, {@code options} and {@code image_options} appear only on the
 * challenge type they belong to.
 */
public final class ChallengeJson {
    private ChallengeJson() {
    }

    public record Wire(String fieldName, String guid,
                @JsonInclude(JsonInclude.Include.NON_NULL) String imageData,
                @JsonInclude(JsonInclude.Include.NON_NULL) List<ImageOption> imageOptions,
                String label,
                @JsonInclude(JsonInclude.Include.NON_NULL) List<Option> options,
                String type) {
    }

    public record Option(String guid, String label, String value) {
    }

    public record ImageOption(String dataUri, String guid, String label, String value) {
    }

    public static List<Wire> list(List<Challenge> challenges) {
        return challenges.stream().map(ChallengeJson::wire).toList();
    }

    private static Wire wire(Challenge c) {
        List<ChallengeOption> options = c.options();
        return new Wire(c.fieldName(), c.guid(),
                c.type() == ChallengeType.IMAGE_DATA ? c.imageData() : null,
                c.type() == ChallengeType.IMAGE_OPTIONS
                        ? options.stream().map(o -> new ImageOption(o.dataUri(), o.guid(), o.label(), o.value())).toList()
                        : null,
                c.label(),
                c.type() == ChallengeType.OPTIONS
                        ? options.stream().map(o -> new Option(o.guid(), o.label(), o.value())).toList()
                        : null,
                c.type().name());
    }
}
