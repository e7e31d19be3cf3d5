package dev.openagg.user;

import java.time.Instant;

/** An end user of a client. {@code id} is the client's own identifier for it, unique within the client. */
public record User(String guid, String clientId, String id, String email, boolean isDisabled, String metadata,
                   Instant createdAt, Instant updatedAt) {
}
