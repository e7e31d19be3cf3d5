package dev.openagg.scenario;

import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import dev.openagg.connector.ChallengeType;
import dev.openagg.connector.Guids;
import java.util.List;

/**
 * A challenge as a scenario describes it. Its label may say {@value #CHOSEN}, which shows the value of the option
 * chosen in the round before (as in "Enter the code we sent to {chosen}").
 */
public record ChallengeSpec(ChallengeType type, String label, AnswerRule answer, List<OptionSpec> options,
                            Image image) {
    public static final String CHOSEN = "{chosen}";

    /** A choice of an OPTIONS or IMAGE_OPTIONS challenge; {@code image} is for IMAGE_OPTIONS only. */
    public record OptionSpec(String label, String value, Image image) {
    }

    /** A picture: a data URI given as it is, a word drawn, or a coloured shape. */
    public sealed interface Image {
        String dataUri();

        record Given(String dataUri) implements Image {
        }

        record Word(String word) implements Image {
            @Override
            public String dataUri() {
                return Pictures.word(word);
            }
        }

        record Shape(String shape, int rgb) implements Image {
            @Override
            public String dataUri() {
                return Pictures.shape(shape, rgb);
            }
        }
    }

    /** The challenge to put to the end user, with fresh guids; {@code chosen} replaces {@value #CHOSEN}. */
    Challenge challenge(String chosen) {
        String shown = label.replace(CHOSEN, chosen == null ? "" : chosen);
        List<ChallengeOption> choices = options.stream()
                .map(o -> new ChallengeOption(Guids.next("CRO"), o.label(), o.value(),
                        o.image() == null ? null : o.image().dataUri()))
                .toList();
        return new Challenge(Guids.next("CRD"), type, shown, null, image == null ? null : image.dataUri(), choices);
    }
}
