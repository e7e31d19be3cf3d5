package dev.openagg.ofx;

import static dev.openagg.ofx.OfxElement.aggregate;
import static dev.openagg.ofx.OfxElement.leaf;

import dev.openagg.connector.JobContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-on of one step: the member's credentials, its CLIENTUID, and either the MFA answers being given or the
 * access key kept from an earlier job. Every request of the step signs on again (OFX has no session), with an access
 * key the institution returned earlier in the step if it did.
 */
final class Session {
    /** The elements an institution may return a key in, to skip MFA later; it is sent back under the same name. */
    static final List<String> KEY_ELEMENTS = List.of("ACCESSKEY", "ACCESSTOKEN");

    private final OfxInstitution institution;
    private final OfxClient client;
    private final JobContext context;
    private final List<PhraseAnswer> answers;
    private final boolean hadKey;
    private String keyName;
    private String keyValue;
    private boolean keyIssued;

    /** An answer to one MFA phrase. */
    record PhraseAnswer(String phraseId, String answer) {
        @Override
        public String toString() {
            return "PhraseAnswer[" + phraseId + "]";
        }
    }

    /** The institution refused the sign-on with this OFX status. */
    static final class Refused extends RuntimeException {
        final int code;
        final String institutionMessage;

        Refused(int code, String institutionMessage) {
            super("sign-on status " + code);
            this.code = code;
            this.institutionMessage = institutionMessage;
        }
    }

    Session(OfxInstitution institution, OfxClient client, JobContext context, List<PhraseAnswer> answers) {
        this.institution = institution;
        this.client = client;
        this.context = context;
        this.answers = List.copyOf(answers);
        Map<String, String> kept = context.kept();
        this.hadKey = KEY_ELEMENTS.stream().anyMatch(kept::containsKey);
        // Answering a challenge means the kept key, if any, no longer did: sign on with the answers instead.
        if (answers.isEmpty()) {
            for (String name : KEY_ELEMENTS) {
                if (kept.containsKey(name)) {
                    keyName = name;
                    keyValue = kept.get(name);
                }
            }
        }
    }

    /**
     * The member's CLIENTUID at this institution: derived from the member's guid and the institution's code, so it
     * is the same on every job and every node without being stored, and differs between members.
     */
    String clientUid() {
        return UUID.nameUUIDFromBytes(("openagg-ofx:" + institution.code() + ":" + context.memberGuid())
                .getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Signs on and sends {@code messageSets}; returns the reply once the sign-on is accepted. */
    OfxElement send(List<OfxElement> messageSets) {
        OfxElement reply = client.exchange(Requests.ofx(Requests.signonMessages(sonrq(true), false, context.now()),
                messageSets));
        OfxElement sonrs = signonReply(reply);
        int code = code(sonrs);
        if (code != 0 && code != 1) {
            throw new Refused(code, message(sonrs));
        }
        for (String name : KEY_ELEMENTS) {
            Optional<String> key = sonrs.text(name);
            if (key.isPresent()) {
                keyName = name;
                keyValue = key.get();
                keyIssued = true;
            }
        }
        return reply;
    }

    /**
     * Asks for the MFA challenge; returns the reply, which holds the {@code MFACHALLENGERS}. The answers just
     * given are not sent again: the institution already took them, and asks for what it still needs.
     */
    OfxElement askChallenges() {
        OfxElement reply = client.exchange(Requests.ofx(Requests.signonMessages(sonrq(false), true, context.now()),
                List.of()));
        OfxElement sonrs = signonReply(reply);
        int code = code(sonrs);
        if (code != 0 && code != 1 && code != 3000) {
            throw new Refused(code, message(sonrs));
        }
        return reply;
    }

    /**
     * What to keep for the member after a successful step: a key the institution issued; nothing (forget) when a
     * kept key no longer sufficed and no new one came; null (leave as is) otherwise.
     */
    Map<String, String> toKeep() {
        if (keyIssued) {
            return Map.of(keyName, keyValue);
        }
        return hadKey && !answers.isEmpty() ? Map.of() : null;
    }

    private OfxElement sonrq(boolean withAnswers) {
        List<OfxElement> fields = new ArrayList<>();
        fields.add(leaf("DTCLIENT", Requests.dateTime(context.now())));
        fields.add(leaf("USERID", context.credential(OfxConnector.LOGIN)));
        fields.add(leaf("USERPASS", context.credential(OfxConnector.PASSWORD)));
        fields.add(leaf("LANGUAGE", "ENG"));
        List<OfxElement> fi = new ArrayList<>();
        fi.add(leaf("ORG", institution.org()));
        if (institution.fid() != null) {
            fi.add(leaf("FID", institution.fid()));
        }
        fields.add(aggregate("FI", fi));
        fields.add(leaf("APPID", institution.appId()));
        fields.add(leaf("APPVER", institution.appVersion()));
        if (!institution.version().number().equals("102")) {
            fields.add(leaf("CLIENTUID", clientUid()));
        }
        if (keyValue != null) {
            fields.add(leaf(keyName, keyValue));
        }
        for (PhraseAnswer a : withAnswers ? answers : List.<PhraseAnswer>of()) {
            fields.add(aggregate("MFACHALLENGEA", leaf("MFAPHRASEID", a.phraseId()), leaf("MFAPHRASEA", a.answer())));
        }
        return aggregate("SONRQ", fields);
    }

    private OfxElement signonReply(OfxElement reply) {
        return reply.at("SIGNONMSGSRSV1", "SONRS").orElseThrow(() -> new OfxClient.Unreachable(
                institution.name() + " sent a reply without a sign-on response.", null));
    }

    static int code(OfxElement withStatus) {
        String code = withStatus.child("STATUS").flatMap(s -> s.text("CODE")).orElse("");
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            throw new OfxClient.Unreachable("The institution sent a status without a code.", e);
        }
    }

    static String message(OfxElement withStatus) {
        return withStatus.child("STATUS").flatMap(s -> s.text("MESSAGE")).orElse(null);
    }
}
