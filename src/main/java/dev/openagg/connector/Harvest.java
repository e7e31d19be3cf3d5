package dev.openagg.connector;

/** The data a successful job brought back from the institution. */
public record Harvest() {

    public static Harvest empty() {
        return new Harvest();
    }
}
