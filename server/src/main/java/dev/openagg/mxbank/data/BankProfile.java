package dev.openagg.mxbank.data;

/**
 * Who the member is, for tax forms: the holder's name, address and masked SSN, and MX Bank as the payer with its
 * (invented) TIN and address.
 */
public record BankProfile(String holderName, String firstName, String lastName, String address, String city,
                          String state, String postalCode, String country, String maskedSsn, String payerName,
                          String payerTin, String payerAddress, String payerCity, String payerState,
                          String payerPostalCode) {
}
