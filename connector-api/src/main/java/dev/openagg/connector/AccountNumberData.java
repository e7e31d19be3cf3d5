package dev.openagg.connector;

/** An account's full account and routing numbers, as a verification job returns them. */
public record AccountNumberData(String accountSourceId, String accountNumber, String routingNumber) {
}
