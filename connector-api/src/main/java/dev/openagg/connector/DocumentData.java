package dev.openagg.connector;

import java.time.LocalDate;

/**
 * A document the institution issued: a tax form or an account statement. {@code sourceId} is stable for the same
 * document, so fetching again updates it instead of adding a copy. {@code documentType} and {@code taxYear} are for
 * tax documents, {@code accountSourceId} for statements.
 *
 * <p>A document carries its {@code pdf}, or, for a tax form, the form's figures in {@code taxForm}: OpenAgg then
 * renders the PDF itself (see {@link #taxForm(String, LocalDate, TaxFormData)}).
 */
public record DocumentData(String sourceId, String documentType, String taxYear, String accountSourceId,
                           LocalDate issuedOn, byte[] pdf, TaxFormData taxForm) {

    public DocumentData {
        if (pdf == null && taxForm == null) {
            throw new IllegalArgumentException("document " + sourceId + " needs a PDF or a tax form's figures");
        }
    }

    /** A document with its PDF. */
    public DocumentData(String sourceId, String documentType, String taxYear, String accountSourceId,
                        LocalDate issuedOn, byte[] pdf) {
        this(sourceId, documentType, taxYear, accountSourceId, issuedOn, pdf, null);
    }

    /**
     * A tax form given by its figures, whose PDF OpenAgg renders. Its document type is MX's for the form
     * ({@code TAX1099_INT} for 1099-INT) and its tax year the form's.
     */
    public static DocumentData taxForm(String sourceId, LocalDate issuedOn, TaxFormData form) {
        return new DocumentData(sourceId, "TAX" + form.form().replace('-', '_'), String.valueOf(form.taxYear()), null,
                issuedOn, null, form);
    }

    @Override
    public String toString() {
        return "DocumentData[" + sourceId + ", " + documentType + ", "
                + (pdf == null ? "figures of " + taxForm.form() : pdf.length + " bytes") + "]";
    }
}
