package dev.openagg.document;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a tax form says: its name (1099-INT, 1099-DIV, 1099-B, W-2), the year, who pays and who receives, and its
 * numbered boxes.
 */
public record TaxForm(String form, String title, int taxYear, Party payer, Party recipient, String accountNumber,
                      List<Box> boxes) {

    public TaxForm {
        boxes = List.copyOf(boxes);
    }

    /** A payer, employer or recipient block: name, masked tax id, address lines. */
    public record Party(String role, String name, String taxId, List<String> address) {
        public Party {
            address = List.copyOf(address);
        }
    }

    /** One numbered box of the form with its amount. */
    public record Box(String number, String label, BigDecimal amount) {
    }
}
