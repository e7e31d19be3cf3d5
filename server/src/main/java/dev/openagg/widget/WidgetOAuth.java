package dev.openagg.widget;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body;
import dev.openagg.institution.Institutions;
import dev.openagg.member.ConsentWindows;
import dev.openagg.member.Member;
import dev.openagg.member.MemberStore;
import dev.openagg.member.Members;
import dev.openagg.user.User;
import java.util.List;

/**
 * OAuth members connected in the widget: created through the same member service as the MX API's, with the consent
 * page's options taken from the widget URL's ({@code oauth_referral_source}, {@code client_redirect_url},
 * {@code ui_message_webview_url_scheme}), and a fresh consent page for each attempt.
 */
final class WidgetOAuth {
    private final MemberStore members;
    private final Members service;
    private final Institutions institutions;
    private final ConsentWindows windows;

    WidgetOAuth(MemberStore members, Members service, Institutions institutions, ConsentWindows windows) {
        this.members = members;
        this.service = service;
        this.institutions = institutions;
        this.windows = windows;
    }

    /**
     * A PENDING OAuth member of the request's institution, and its consent page's URI; {@code origin} is where the
     * page reached this server, so the URI works from there.
     */
    Members.Pending create(String origin, WidgetSession session, User user, Body member) {
        Members.NewMember request = new Members.NewMember(member.string("institution_code").orElse(null),
                member.guidValues("credentials").orElse(null), null, null, false, List.of(), false, true);
        return service.createOAuth(user, request, options(origin, session), null);
    }

    /** A new consent page for the member (any earlier one stops working); 400 for a member without OAuth. */
    String open(String origin, WidgetSession session, Member member) {
        boolean oauth = institutions.find(member.institutionCode()).map(i -> i.supportsOauth()).orElse(false);
        if (!oauth) {
            throw ApiError.badRequest("Member cannot use OAuth: " + member.institutionCode() + " does not support OAuth");
        }
        ConsentWindows.Options options = options(origin, session);
        return members.jdbi().inTransaction(h -> windows.open(h,
                members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member")), options));
    }

    /**
     * Where the consent page goes afterwards. In a browser it posts its result to the widget that opened it, so a
     * {@code client_redirect_url} counts only for {@code APP}, as MX documents. The member aggregates once
     * authorised, whatever the widget's mode.
     */
    private static ConsentWindows.Options options(String origin, WidgetSession session) {
        WidgetSession.OAuthReturn o = session.settings().oauth();
        boolean app = o.referralSource().equals("APP");
        return new ConsentWindows.Options(origin, o.referralSource(), app ? o.clientRedirectUrl() : null,
                o.scheme(), true, false);
    }
}
