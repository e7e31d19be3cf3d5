package dev.openagg.ofx;

import java.util.regex.Pattern;

/**
 * Hides the secrets of an OFX exchange before it is logged: the password, MFA answers, access keys and tokens, user
 * keys and session cookies. Works on both families, closed or not.
 */
final class Redaction {
    private static final Pattern SECRET = Pattern.compile(
            "(<(USERPASS|NEWUSERPASS|MFAPHRASEA|ACCESSKEY|ACCESSTOKEN|AUTHTOKEN|USERKEY|SESSCOOKIE|USERCRED1|USERCRED2)>)[^<\\r\\n]*",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    static String redact(String ofx) {
        return SECRET.matcher(ofx).replaceAll("$1***");
    }
}
