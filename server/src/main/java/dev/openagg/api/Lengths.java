package dev.openagg.api;

/**
 * The longest value each string field takes, checked before anything is saved so that an over-long value is a 422
 * naming the field rather than a database error. The README lists them; most are the width of their column.
 */
public final class Lengths {
    /** A partner's {@code id} of a user or member. */
    public static final int ID = 255;
    public static final int EMAIL = 255;
    /** {@code metadata} of a user or member: free text, commonly JSON. */
    public static final int METADATA = 10_000;
    public static final int INSTITUTION_CODE = 128;
    /** A credential's value as the end user typed it. */
    public static final int CREDENTIAL_VALUE = 1_000;
    /** The {@code X-CALLBACK-PAYLOAD} header, echoed in MEMBER events. */
    public static final int CALLBACK_PAYLOAD = 2_048;
    public static final int WEBHOOK_URL = 2_048;
    /** A webhook's Basic {@code username} and {@code password}. */
    public static final int WEBHOOK_LOGIN = 255;
    public static final int CLIENT_ID = 128;
    /** An MFA answer's {@code value}, as the end user typed or chose it. */
    public static final int ANSWER_VALUE = 1_000;
    /** The {@code guid} an MFA answer names: a challenge's guid, or the guid of one of its options. */
    public static final int ANSWER_GUID = 255;
    /** How many answers one {@code PUT .../resume} may carry. */
    public static final int ANSWERS = 100;

    private Lengths() {
    }
}
