package dev.openagg.member;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body.GuidValue;
import dev.openagg.api.Lengths;
import dev.openagg.api.Problems;
import dev.openagg.clock.ClientClocks;
import dev.openagg.connector.Guids;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import dev.openagg.db.Database;
import dev.openagg.engine.MemberStatus;
import dev.openagg.institution.Institutions;
import dev.openagg.institution.Product;
import dev.openagg.limit.Quotas;
import dev.openagg.member.MemberStore.StoredCredential;
import dev.openagg.user.User;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Creating members and changing them, with the checks and the aggregation that follow; the API's member routes and
 * the connect widget both go through here, so the same rules hold for both.
 */
public final class Members {
    private final MemberStore members;
    private final Institutions institutions;
    private final JobStarter jobs;
    private final MemberEvents events;
    private final ClientClocks clocks;
    private final Quotas quotas;
    private final ConsentWindows windows;

    /** {@code quotas} bounds the members per user; {@code windows} opens the consent pages of OAuth members. */
    public Members(MemberStore members, Institutions institutions, JobStarter jobs, MemberEvents events, ClientClocks clocks,
                   Quotas quotas, ConsentWindows windows) {
        this.quotas = quotas;
        this.members = members;
        this.institutions = institutions;
        this.jobs = jobs;
        this.events = events;
        this.clocks = clocks;
        this.windows = windows;
    }

    /**
     * What a client sends to create a member; null credentials mean none were sent. {@code products} (v20250224's
     * {@code data_request.products}, empty when not sent) choose the job that runs after connecting; {@code isOauth}
     * asks for a member that connects through the institution's consent page instead of credentials.
     */
    public record NewMember(String institutionCode, List<GuidValue> credentials, String id, String metadata,
                            boolean skipAggregation, List<Product> products, boolean backgroundAggregationIsDisabled,
                            boolean isOauth) {
        public NewMember {
            products = List.copyOf(products);
        }

        /** A credential member. */
        public NewMember(String institutionCode, List<GuidValue> credentials, String id, String metadata,
                         boolean skipAggregation, List<Product> products, boolean backgroundAggregationIsDisabled) {
            this(institutionCode, credentials, id, metadata, skipAggregation, products, backgroundAggregationIsDisabled,
                    false);
        }
    }

    /** A member's editable fields after an update; non-empty credentials replace those values and reconnect. */
    public record Change(String id, String metadata, boolean backgroundAggregationIsDisabled,
                         List<GuidValue> credentials, boolean skipAggregation) {
    }

    /** A new OAuth member and the one-time URI of its consent page. */
    public record Pending(Member member, String oauthWindowUri) {
    }

    /**
     * Creates the member and, unless told to skip, starts its first job. Invalid input, or a user at its quota of
     * members, is a 422.
     */
    public Member create(User user, NewMember request, String callbackPayload) {
        Checked checked = check(user, request);
        Member member = newMember(user, request, MemberStatus.created());
        insert(member, checked.credentials(), callbackPayload, h -> null);
        return request.skipAggregation() ? member : start(member, Product.firstJob(request.products()));
    }

    /**
     * Creates an OAuth member: PENDING, with no credentials and no job, and its consent page opened in the same
     * transaction. The job starts when the end user authorises.
     */
    public Pending createOAuth(User user, NewMember request, ConsentWindows.Options options, String callbackPayload) {
        check(user, request);
        Member member = newMember(user, request, MemberStatus.pending());
        String uri = insert(member, List.of(), callbackPayload, h -> windows.open(h, member, options));
        return new Pending(member, uri);
    }

    private record Checked(InstitutionInfo institution, List<StoredCredential> credentials) {
    }

    /**
     * The request's institution and credentials once every field is valid. The kind of member must fit the
     * institution: MX answers 400 for an OAuth member of an institution without OAuth, and OpenAgg does the same for
     * credentials sent to an OAuth institution.
     */
    private Checked check(User user, NewMember request) {
        Problems problems = new Problems()
                .maxLength("member.id", request.id(), Lengths.ID)
                .maxLength("member.metadata", request.metadata(), Lengths.METADATA)
                .maxLength("member.institution_code", request.institutionCode(), Lengths.INSTITUTION_CODE);
        problems.throwIfAny();
        String code = request.institutionCode();
        InstitutionInfo institution = institutions.findFor(user.clientId(), code).orElse(null);
        problems.require(code != null, "member.institution_code is required");
        problems.require(code == null || institution != null, "member.institution_code " + code + " is not a known institution");
        problems.throwIfAny();
        if (request.isOauth() && !institution.supportsOauth()) {
            throw ApiError.badRequest("Member cannot use OAuth: " + code + " does not support OAuth");
        }
        if (institution.supportsOauth() && !request.isOauth()) {
            throw ApiError.badRequest(code + " connects through OAuth only: create the member with is_oauth true "
                    + "and no credentials");
        }
        if (request.isOauth() && request.credentials() != null && !request.credentials().isEmpty()) {
            throw ApiError.badRequest("an OAuth member takes no credentials: the end user signs in at "
                    + institution.name() + "'s consent page");
        }
        problems.require(request.isOauth() || request.credentials() != null, "member.credentials is required");
        List<StoredCredential> credentials = request.isOauth() || request.credentials() == null ? List.of()
                : CredentialCheck.check(institution, request.credentials(), true, problems);
        List<String> notOffered = request.products().stream().filter(p -> !p.offeredBy(institution))
                .map(Product::wireName).toList();
        problems.require(notOffered.isEmpty(), "data_request.products " + notOffered + " are not offered by " + code);
        checkRules(code, credentials, problems);
        problems.throwIfAny();
        return new Checked(institution, credentials);
    }

    private Member newMember(User user, NewMember request, MemberStatus status) {
        Instant now = clocks.of(user.clientId()).now();
        return new Member(Guids.next("MBR"), user.guid(), user.clientId(), user.id(), request.id(),
                request.institutionCode(), request.metadata(), request.backgroundAggregationIsDisabled(), status, 0, now,
                now);
    }

    /** Inserts the member with its MEMBER event and whatever {@code also} writes; returns what {@code also} did. */
    private <T> T insert(Member member, List<StoredCredential> credentials, String callbackPayload,
                         Function<Handle, T> also) {
        try {
            return members.jdbi().inTransaction(h -> {
                quotas.checkMembers(h, member.userGuid());
                if (!members.insert(h, member, credentials)) {
                    throw duplicateId(member.id());
                }
                events.memberChanged(h, member, MemberEvents.Action.CREATED, callbackPayload);
                return also.apply(h);
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            throw duplicateId(member.id());
        }
    }

    /** Saves the change; new credentials clear earlier failures and start an aggregation unless skipped. */
    public Member update(Member member, Change change, String callbackPayload) {
        Problems problems = new Problems()
                .maxLength("member.id", change.id(), Lengths.ID)
                .maxLength("member.metadata", change.metadata(), Lengths.METADATA);
        InstitutionInfo institution = institutions.find(member.institutionCode()).orElseThrow();
        List<StoredCredential> credentials = CredentialCheck.check(institution, change.credentials(), false, problems);
        checkRules(member.institutionCode(), credentials, problems);
        problems.throwIfAny();
        Member changed = new Member(member.guid(), member.userGuid(), member.clientId(), member.userId(), change.id(),
                member.institutionCode(), change.metadata(), change.backgroundAggregationIsDisabled(), member.status(),
                member.version(), member.createdAt(), clocks.of(member.clientId()).now());
        Member saved = members.jdbi().inTransaction(h -> {
            Member current = members.lock(h, member.guid()).orElseThrow(() -> ApiError.notFound("member"));
            if (!credentials.isEmpty() && current.status().isBeingAggregated()) {
                throw ApiError.conflict("the member is being aggregated; update its credentials when the job ends");
            }
            if (!members.updateDetails(h, changed)) {
                throw duplicateId(changed.id());
            }
            if (!credentials.isEmpty()) {
                members.replaceCredentials(h, member.guid(), credentials);
                members.saveStatus(h, current, current.status().credentialsUpdated());
            }
            Member now = members.get(h, member.guid()).orElseThrow();
            events.memberChanged(h, now, MemberEvents.Action.UPDATED, callbackPayload);
            return now;
        });
        return credentials.isEmpty() || change.skipAggregation() ? saved : aggregate(saved);
    }

    /** The institution's own rules for credential values, once every value sent is known to be well formed. */
    private void checkRules(String code, List<StoredCredential> credentials, Problems problems) {
        if (!credentials.isEmpty() && problems.isEmpty()) {
            Map<String, String> byName = new HashMap<>();
            credentials.forEach(c -> byName.put(c.fieldName(), c.value()));
            institutions.credentialProblems(code, byName).forEach(problems::add);
        }
    }

    /** Starts the aggregation that follows new credentials; the member as it then stands. */
    private Member aggregate(Member member) {
        return start(member, JobKind.AGGREGATE);
    }

    private Member start(Member member, JobKind kind) {
        return jobs.start(member, kind).map(JobStarter.Start::member).orElse(member);
    }

    private static ApiError duplicateId(String id) {
        return ApiError.conflict("a member with id \"" + id + "\" already exists for this user");
    }
}
