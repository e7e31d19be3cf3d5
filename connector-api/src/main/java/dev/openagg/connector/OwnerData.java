package dev.openagg.connector;

/** The holder of an account, as an identity job returns it. */
public record OwnerData(String accountSourceId, String ownerName, String firstName, String lastName, String address,
                        String city, String state, String postalCode, String country, String email, String phone) {
}
