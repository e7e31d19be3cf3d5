package dev.openagg.connector;

/** A choice of an OPTIONS or IMAGE_OPTIONS challenge; {@code dataUri} is set for image options only. */
public record ChallengeOption(String guid, String label, String value, String dataUri) {

    public static ChallengeOption of(String label, String value) {
        return new ChallengeOption(Guids.next("CRO"), label, value, null);
    }

    public static ChallengeOption image(String label, String value, String dataUri) {
        return new ChallengeOption(Guids.next("CRO"), label, value, dataUri);
    }
}
