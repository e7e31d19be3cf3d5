package dev.openagg.mxbank.data;

/** The owner of an MX Bank account, in MX's account owner fields. */
public record BankOwner(String accountId, String ownerName, String firstName, String lastName, String address,
                        String city, String state, String postalCode, String country, String email, String phone) {
}
