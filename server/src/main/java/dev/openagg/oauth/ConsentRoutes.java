package dev.openagg.oauth;

import dev.openagg.api.ApiError;
import dev.openagg.api.Http;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.Institutions;
import dev.openagg.member.MemberStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * The institution's consent page at an OAuth member's one-time URI (public: the token is the authority). Showing
 * it changes nothing; the choice posted from it spends the token, and the browser then goes where {@link Landing}
 * says, or stays on a page that posts the result to its opener.
 */
final class ConsentRoutes implements Http.Routes {
    private static final String HTML = "text/html; charset=utf-8";
    /** Everything comes from this server; the form posts here, and may be redirected to the client's URL. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Consent consent;
    private final OAuthWindows windows;
    private final MemberStore members;
    private final Institutions institutions;
    private final byte[] script = load("complete.js");

    ConsentRoutes(Consent consent, OAuthWindows windows, MemberStore members, Institutions institutions) {
        this.consent = consent;
        this.windows = windows;
        this.members = members;
        this.institutions = institutions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(OAuthWindows.PATH + "/{token}", this::show);
        routes.post(OAuthWindows.PATH + "/{token}", this::choose);
        routes.get("/oauth/assets/complete.js", ctx -> headers(ctx, POLICY).status(200)
                .contentType("text/javascript; charset=utf-8").result(script));
    }

    private void show(Context ctx) {
        OAuthWindows.Found found = members.jdbi().inTransaction(h -> windows.find(h, ctx.pathParam("token")));
        if (found.refusal() != null) {
            html(ctx, 410, POLICY, ConsentPages.refused(found.refusal()));
            return;
        }
        InstitutionInfo institution = members.jdbi().withHandle(h -> members.get(h, found.window().memberGuid()))
                .flatMap(m -> institutions.find(m.institutionCode()))
                .orElse(null);
        if (institution == null) {
            html(ctx, 410, POLICY, ConsentPages.refused(OAuthWindows.Refusal.UNKNOWN));
            return;
        }
        String redirect = found.window().options().clientRedirectUrl();
        String target = redirect != null ? redirect
                : found.window().options().referralSource().equals("APP")
                ? found.window().options().uiMessageWebviewUrlScheme() + "://oauth_complete" : null;
        html(ctx, 200, POLICY + formTarget(target), ConsentPages.consent(institution));
    }

    private void choose(Context ctx) {
        String choice = ConsentForm.field(ctx.contentType(), ctx.body(), "choice").orElse("");
        Consent.Choice chosen = Consent.Choice.named(choice).filter(c -> c != Consent.Choice.ERROR)
                .orElseThrow(() -> ApiError.badRequest("choice must be authorize, deny or cancel"));
        Consent.Decision decision = consent.onPage(ctx.pathParam("token"), chosen);
        if (decision instanceof Consent.Decision.Refused refused) {
            html(ctx, 410, POLICY, ConsentPages.refused(refused.refusal()));
            return;
        }
        Consent.Decision.Made made = (Consent.Decision.Made) decision;
        String landing = Landing.of(made.options(), made);
        if (landing != null) {
            headers(ctx, POLICY).header("Location", landing).status(303).result("");
            return;
        }
        html(ctx, 200, POLICY, ConsentPages.complete(made));
    }

    /** The redirect after the form is a navigation the form started, so the policy must allow its destination. */
    private static String formTarget(String target) {
        if (target == null) {
            return "";
        }
        URI uri = URI.create(target);
        boolean web = uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https");
        return " " + (web ? uri.getScheme() + "://" + uri.getRawAuthority() : uri.getScheme() + ":");
    }

    private static void html(Context ctx, int status, String policy, String page) {
        headers(ctx, policy).status(status).contentType(HTML).result(page);
    }

    private static Context headers(Context ctx, String policy) {
        return ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", policy)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsentRoutes.class.getResourceAsStream("/oauth/" + name)) {
            if (in == null) {
                throw new IllegalStateException("OAuth file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
