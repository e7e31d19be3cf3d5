package dev.openagg.document;

import dev.openagg.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/** A stored document's record, without its PDF bytes. */
record Document(String guid, String memberGuid, String userGuid, String accountGuid, String documentType,
                String taxYear, LocalDate issuedOn, String contentHash, Instant createdAt, Instant updatedAt) {

    static final String SELECT = """
            SELECT d.guid, d.member_guid, d.user_guid, d.account_guid, d.document_type, d.tax_year, d.issued_on,
              d.content_hash, d.created_at, d.updated_at FROM document d""";

    static Document map(ResultSet rs) throws SQLException {
        return new Document(rs.getString("guid"), rs.getString("member_guid"), rs.getString("user_guid"),
                rs.getString("account_guid"), rs.getString("document_type"), rs.getString("tax_year"),
                rs.getObject("issued_on", LocalDate.class), rs.getString("content_hash"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }

    String fileName() {
        String name = documentType != null ? documentType + "-" + taxYear : "statement-" + issuedOn;
        return name + "-" + guid + ".pdf";
    }
}
