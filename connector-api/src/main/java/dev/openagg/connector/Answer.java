package dev.openagg.connector;

/** The end user's answer to one challenge: the challenge guid and the value given. */
public record Answer(String challengeGuid, String value) {

    @Override
    public String toString() {
        return "Answer[" + challengeGuid + "]";
    }
}
