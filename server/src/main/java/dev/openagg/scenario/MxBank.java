package dev.openagg.scenario;

/**
 * MX Bank, the test institution of MX's guides: username {@code mxuser}, and the password picks what happens (the
 * README's table). It is the scenario file {@code scenarios/mxbank.json} in the jar.
 */
public final class MxBank extends BuiltInScenario {
    public static final String CODE = "mxbank";

    public MxBank() {
        super("mxbank.json");
    }
}
