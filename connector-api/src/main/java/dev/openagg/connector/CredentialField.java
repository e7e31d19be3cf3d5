package dev.openagg.connector;

/**
 * A field of an institution's login form. Its guid must be stable: clients keep it and send it back with the
 * value when they create a member.
 */
public record CredentialField(String guid, String fieldName, String label, String type, int displayOrder) {
}
