package dev.openagg.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One month of an account: the balance it opened and closed with and the transactions posted in between
 * (negative amounts are debits). The closing balance is the opening balance plus the lines.
 */
public record StatementSheet(String institution, String accountName, String accountNumber, String holder,
                             List<String> holderAddress, LocalDate periodStart, LocalDate periodEnd,
                             BigDecimal openingBalance, BigDecimal closingBalance, List<Line> lines) {

    public StatementSheet {
        holderAddress = List.copyOf(holderAddress);
        lines = List.copyOf(lines);
    }

    /** A posted transaction on the statement. */
    public record Line(LocalDate date, String description, BigDecimal amount) {
    }
}
