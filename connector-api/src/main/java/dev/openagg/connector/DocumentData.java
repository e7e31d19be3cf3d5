package dev.openagg.connector;

import java.time.LocalDate;

/**
 * A document the institution issued: a tax form or an account statement, with its PDF. {@code sourceId} is stable
 * for the same document, so fetching again updates it instead of adding a copy. {@code documentType} and
 * {@code taxYear} are for tax documents, {@code accountSourceId} for statements.
 */
public record DocumentData(String sourceId, String documentType, String taxYear, String accountSourceId,
                           LocalDate issuedOn, byte[] pdf) {

    @Override
    public String toString() {
        return "DocumentData[" + sourceId + ", " + documentType + ", " + pdf.length + " bytes]";
    }
}
