package dev.openagg.connector;

/** MX's challenge types; the wire format carries their names. */
public enum ChallengeType {
    TEXT, OPTIONS, TOKEN, IMAGE_DATA, IMAGE_OPTIONS;

    public boolean hasOptions() {
        return this == OPTIONS || this == IMAGE_OPTIONS;
    }
}
