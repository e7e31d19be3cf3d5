package dev.openagg.connector;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a tax form says, as the institution reported it: the form's name (1099-INT, 1099-DIV, 1099-B, W-2), its
 * title, the tax year, who pays and who receives, and its numbered boxes. A connector that has these figures rather
 * than a PDF returns them in {@link DocumentData#taxForm}, and OpenAgg renders the PDF.
 *
 * @param accountNumber the recipient's account number as the payer prints it, or null
 */
public record TaxFormData(String form, String title, int taxYear, Party payer, Party recipient, String accountNumber,
                          List<Box> boxes) {

    public TaxFormData {
        boxes = List.copyOf(boxes);
    }

    /** A payer, employer or recipient block: role ("Payer", "Recipient", ...), name, masked tax id, address lines. */
    public record Party(String role, String name, String taxId, List<String> address) {
        public Party {
            address = List.copyOf(address);
        }
    }

    /** One numbered box of the form ("1", "1a", ...) with its label and amount. */
    public record Box(String number, String label, BigDecimal amount) {
    }
}
