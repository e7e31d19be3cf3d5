package dev.openagg.document;

import dev.openagg.api.Wire;

/** The wire forms of MX's TaxDocumentResponse and StatementResponse. */
final class DocumentJson {
    private DocumentJson() {
    }

    record TaxDocument(String contentHash, String createdAt, String documentType, String guid, String issuedOn,
                       String memberGuid, String taxYear, String updatedAt, String uri, String userGuid) {
    }

    record Statement(String accountGuid, String contentHash, String createdAt, String guid, String memberGuid,
                     String updatedAt, String uri, String userGuid) {
    }

    static Object wire(DocumentKind kind, Document d) {
        String uri = "/users/" + d.userGuid() + "/members/" + d.memberGuid() + "/" + kind.path + "/" + d.guid() + ".pdf";
        return switch (kind) {
            case TAX -> new TaxDocument(d.contentHash(), Wire.time(d.createdAt()), d.documentType(), d.guid(),
                    d.issuedOn() == null ? null : d.issuedOn().toString(), d.memberGuid(), d.taxYear(),
                    Wire.time(d.updatedAt()), uri, d.userGuid());
            case STATEMENT -> new Statement(d.accountGuid(), d.contentHash(), Wire.time(d.createdAt()), d.guid(),
                    d.memberGuid(), Wire.time(d.updatedAt()), uri, d.userGuid());
        };
    }
}
