package dev.openagg.member;

import dev.openagg.api.ApiError;
import dev.openagg.api.Body.GuidValue;
import dev.openagg.api.Lengths;
import dev.openagg.api.Problems;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Creating members and changing them, with the checks and the aggregation that follow; the API's member routes and
 * the connect widget both go through here, so the same rules hold for both.
 */
public final class Members {
    private final MemberStore members;
    private final Institutions institutions;
    private final JobStarter jobs;
    private final MemberEvents events;
    private final Clock clock;
    private final Quotas quotas;

    public Members(MemberStore members, Institutions institutions, JobStarter jobs, MemberEvents events, Clock clock,
                   Quotas quotas) {
        this.quotas = quotas;
        this.members = members;
        this.institutions = institutions;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a client sends to create a member; null credentials mean none were sent. {@code products} (v20250224's
     * {@code data_request.products}, empty when not sent) choose the job that runs after connecting.
     */
    public record NewMember(String institutionCode, List<GuidValue> credentials, String id, String metadata,
                            boolean skipAggregation, List<Product> products, boolean backgroundAggregationIsDisabled) {
        public NewMember {
            products = List.copyOf(products);
        }
    }

    /** A member's editable fields after an update; non-empty credentials replace those values and reconnect. */
    public record Change(String id, String metadata, boolean backgroundAggregationIsDisabled,
                         List<GuidValue> credentials, boolean skipAggregation) {
    }

    /**
     * Creates the member and, unless told to skip, starts its first job. Invalid input, or a user at its quota of
     * members, is a 422.
     */
    public Member create(User user, NewMember request, String callbackPayload) {
        Problems problems = new Problems()
                .maxLength("member.id", request.id(), Lengths.ID)
                .maxLength("member.metadata", request.metadata(), Lengths.METADATA)
                .maxLength("member.institution_code", request.institutionCode(), Lengths.INSTITUTION_CODE);
        problems.throwIfAny();
        String code = request.institutionCode();
        InstitutionInfo institution = institutions.findFor(user.clientId(), code).orElse(null);
        problems.require(code != null, "member.institution_code is required");
        problems.require(code == null || institution != null, "member.institution_code " + code + " is not a known institution");
        problems.require(request.credentials() != null, "member.credentials is required");
        List<StoredCredential> credentials = institution == null || request.credentials() == null ? List.of()
                : CredentialCheck.check(institution, request.credentials(), true, problems);
        List<String> notOffered = institution == null ? List.of()
                : request.products().stream().filter(p -> !p.offeredBy(institution)).map(Product::wireName).toList();
        problems.require(notOffered.isEmpty(), "data_request.products " + notOffered + " are not offered by " + code);
        problems.throwIfAny();

        Instant now = clock.instant();
        Member member = new Member(Guids.next("MBR"), user.guid(), user.id(), request.id(), code, request.metadata(),
                request.backgroundAggregationIsDisabled(), MemberStatus.created(), 0, now, now);
        boolean inserted;
        try {
            inserted = members.jdbi().inTransaction(h -> {
                quotas.checkMembers(h, user.guid());
                if (!members.insert(h, member, credentials)) {
                    return false;
                }
                events.memberChanged(h, member, MemberEvents.Action.CREATED, callbackPayload);
                return true;
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            inserted = false;
        }
        if (!inserted) {
            throw duplicateId(request.id());
        }
        return request.skipAggregation() ? member : start(member, Product.firstJob(request.products()));
    }

    /** Saves the change; new credentials clear earlier failures and start an aggregation unless skipped. */
    public Member update(Member member, Change change, String callbackPayload) {
        Problems problems = new Problems()
                .maxLength("member.id", change.id(), Lengths.ID)
                .maxLength("member.metadata", change.metadata(), Lengths.METADATA);
        InstitutionInfo institution = institutions.find(member.institutionCode()).orElseThrow();
        List<StoredCredential> credentials = CredentialCheck.check(institution, change.credentials(), false, problems);
        problems.throwIfAny();
        Member changed = new Member(member.guid(), member.userGuid(), member.userId(), change.id(),
                member.institutionCode(), change.metadata(), change.backgroundAggregationIsDisabled(), member.status(),
                member.version(), member.createdAt(), clock.instant());
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
