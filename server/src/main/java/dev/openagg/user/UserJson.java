package dev.openagg.user;

import dev.openagg.api.Page;
import java.util.List;

/** The wire form of a user (MX's {@code UserResponse}). */
final class UserJson {
    private UserJson() {
    }

    record Wire(String email, String guid, String id, Boolean isDisabled, String metadata) {
    }

    record One(Wire user) {
    }

    record Many(List<Wire> users, Page.Pagination pagination) {
    }

    static One one(User user) {
        return new One(wire(user));
    }

    static Many list(Page.Listing<User> listing) {
        return new Many(listing.items().stream().map(UserJson::wire).toList(), listing.page().pagination(listing.total()));
    }

    private static Wire wire(User u) {
        return new Wire(u.email(), u.guid(), u.id(), u.isDisabled(), u.metadata());
    }
}
