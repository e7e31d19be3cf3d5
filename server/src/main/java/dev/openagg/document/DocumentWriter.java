package dev.openagg.document;

import dev.openagg.clock.ClientClocks;
import dev.openagg.connector.DocumentData;
import dev.openagg.connector.Guids;
import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobKind;
import dev.openagg.job.HarvestSink;
import dev.openagg.member.Member;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Stores the tax documents and statements a job fetched; a document fetched again is updated in place. */
public final class DocumentWriter implements HarvestSink {
    private final ClientClocks clocks;

    /** Stamps what it stores on the member's client's clock ({@code clocks}). */
    public DocumentWriter(ClientClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public Stored store(Handle h, Member member, JobKind kind, Harvest harvest) {
        Instant now = clocks.of(h, member.clientId()).now();
        write(h, member, DocumentKind.TAX, harvest.taxDocuments(), now);
        return new Stored(0, 0, write(h, member, DocumentKind.STATEMENT, harvest.statements(), now));
    }

    /** Returns how many of the documents were new. */
    private static int write(Handle h, Member member, DocumentKind kind, List<DocumentData> documents, Instant now) {
        if (documents == null) {
            return 0;
        }
        int created = 0;
        for (DocumentData given : documents) {
            // A connector may hand a tax form's figures instead of a PDF; the PDF is drawn here, the same for all.
            DocumentData d = given.pdf() != null ? given : new DocumentData(given.sourceId(), given.documentType(),
                    given.taxYear(), given.accountSourceId(), given.issuedOn(), TaxFormPdf.render(given.taxForm()));
            Optional<String> guid = h.createQuery(
                            "SELECT guid FROM document WHERE member_guid = :m AND kind = :k AND source_id = :s")
                    .bind("m", member.guid()).bind("k", kind.name()).bind("s", d.sourceId())
                    .mapTo(String.class).findOne();
            String account = d.accountSourceId() == null ? null : h.createQuery(
                            "SELECT guid FROM account WHERE member_guid = :m AND source_id = :s")
                    .bind("m", member.guid()).bind("s", d.accountSourceId()).mapTo(String.class).findOne()
                    .orElseThrow(() -> new IllegalStateException("document for unknown account " + d.accountSourceId()));
            String sql = guid.isPresent()
                    ? """
                      UPDATE document SET document_type = :documentType, tax_year = :taxYear, issued_on = :issuedOn,
                        account_guid = :account, content_hash = :hash, pdf = :pdf, updated_at = :now WHERE guid = :guid"""
                    : """
                      INSERT INTO document (guid, kind, member_guid, user_guid, account_guid, source_id, document_type,
                        tax_year, issued_on, content_hash, pdf, created_at, updated_at)
                      VALUES (:guid, :kind, :member, :user, :account, :sourceId, :documentType, :taxYear, :issuedOn,
                        :hash, :pdf, :now, :now)""";
            h.createUpdate(sql)
                    .bindMethods(d)
                    .bind("guid", guid.orElseGet(() -> Guids.next(kind.guidPrefix)))
                    .bind("kind", kind.name())
                    .bind("member", member.guid())
                    .bind("user", member.userGuid())
                    .bind("account", account)
                    .bind("hash", sha256(d.pdf()))
                    .bind("now", now)
                    .execute();
            created += guid.isEmpty() ? 1 : 0;
        }
        return created;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
