package dev.openagg.connector;

import java.util.List;

/**
 * One question put to the end user.
 *
 * @param guid      fresh for every challenge ({@code CRD-...}, see {@link Guids})
 * @param imageData a data URI, for {@link ChallengeType#IMAGE_DATA} only
 * @param options   the choices, for {@link ChallengeType#OPTIONS} and {@link ChallengeType#IMAGE_OPTIONS} only
 */
public record Challenge(
        String guid,
        ChallengeType type,
        String label,
        String fieldName,
        String imageData,
        List<ChallengeOption> options) {

    public Challenge {
        options = options == null ? List.of() : List.copyOf(options);
        if (type.hasOptions() && options.isEmpty()) {
            throw new IllegalArgumentException(type + " challenge needs options");
        }
    }

    public static Challenge text(String label) {
        return new Challenge(Guids.next("CRD"), ChallengeType.TEXT, label, null, null, List.of());
    }

    public static Challenge token(String label) {
        return new Challenge(Guids.next("CRD"), ChallengeType.TOKEN, label, null, null, List.of());
    }

    public static Challenge image(String label, String dataUri) {
        return new Challenge(Guids.next("CRD"), ChallengeType.IMAGE_DATA, label, null, dataUri, List.of());
    }

    public static Challenge options(ChallengeType type, String label, List<ChallengeOption> options) {
        return new Challenge(Guids.next("CRD"), type, label, null, null, options);
    }
}
