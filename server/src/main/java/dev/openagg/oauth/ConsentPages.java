package dev.openagg.oauth;

import dev.openagg.connector.InstitutionInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML of the consent page and of what follows it, drawn on the server (the page needs no script to choose)
 * with the connect widget's style sheets. Every value is escaped.
 */
final class ConsentPages {
    private ConsentPages() {
    }

    /** The institution's page: what will be shared, and Authorize, Deny and Cancel. */
    static String consent(InstitutionInfo institution) {
        String name = escape(institution.name());
        StringBuilder shared = new StringBuilder();
        for (String item : shared(institution)) {
            shared.append("        <li>").append(escape(item)).append("</li>\n");
        }
        return page("Authorize access to " + name, """
                    <section class="view" aria-labelledby="title">
                      <p class="muted">%1$s</p>
                      <h1 id="title">Allow access to your accounts?</h1>
                      <p>An app is asking to connect to your accounts at %1$s. If you authorize, it will see:</p>
                      <ul>
                %2$s      </ul>
                      <p class="muted">It will not see your username or password. You can withdraw this access at %1$s
                        at any time.</p>
                      <form method="post" class="stack">
                        <button type="submit" name="choice" value="authorize" class="primary" autofocus>Authorize</button>
                        <button type="submit" name="choice" value="deny" class="secondary">Deny</button>
                        <button type="submit" name="choice" value="cancel" class="secondary">Cancel</button>
                      </form>
                    </section>
                """.formatted(name, shared));
    }

    /** What the end user sees when no redirect follows: the result, posted to the opener by complete.js. */
    static String complete(Consent.Decision.Made made) {
        boolean ok = made.errorReason() == null;
        String reason = ok ? "" : made.errorReason();
        String title = ok ? "Thank you for completing OAuth" : switch (made.choice()) {
            case DENY -> "You denied access";
            case CANCEL -> "You cancelled";
            default -> "Something went wrong at the institution";
        };
        return page(title, """
                    <section class="view" id="complete" data-status="%s" data-member-guid="%s" data-error-reason="%s">
                      <div class="badge %s" aria-hidden="true">%s</div>
                      <h1>%s</h1>
                      <p>You can close this window and return to the app.</p>
                    </section>
                    <script src="/oauth/assets/complete.js"></script>
                """.formatted(made.status(), escape(made.member().guid()), escape(reason),
                ok ? "badge-ok" : "badge-error", ok ? "✓" : "!", escape(title)));
    }

    /** A link that opens no page, and why. */
    static String refused(OAuthWindows.Refusal refusal) {
        String title = switch (refusal) {
            case USED -> "This link was already used";
            case EXPIRED -> "This link has expired";
            case UNKNOWN -> "This link is not valid";
        };
        return page(title, """
                    <section class="view">
                      <div class="badge badge-error" aria-hidden="true">!</div>
                      <h1>%s</h1>
                      <p>A link to authorize access works once and for ten minutes, and a newer link replaces it. Go
                        back to the app and start again to get a new one.</p>
                    </section>
                """.formatted(title));
    }

    private static List<String> shared(InstitutionInfo institution) {
        List<String> items = new ArrayList<>(List.of("your accounts and their balances",
                "your transactions and investment holdings"));
        if (institution.supportsAccountVerification()) {
            items.add("your account and routing numbers");
        }
        if (institution.supportsAccountIdentification()) {
            items.add("the names, addresses and contact details of the account owners");
        }
        if (institution.supportsAccountStatement() || institution.supportsTaxDocument()) {
            items.add("your statements and tax documents");
        }
        return items;
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s</title>
                  <link rel="stylesheet" href="/widget/assets/widget.css">
                  <link rel="stylesheet" href="/widget/assets/views.css">
                </head>
                <body>
                  <main id="widget">
                %s  </main>
                </body>
                </html>
                """.formatted(title, body);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
