package dev.openagg.document;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a {@link StatementSheet}: header, balance summary, then the transactions, over as many pages as needed. */
public final class StatementPdf {
    private static final float LEFT = 40;
    private static final float RIGHT = PdfCanvas.WIDTH - 40;
    private static final float LINE = 15;
    private static final float LAST_LINE = PdfCanvas.HEIGHT - 50;
    private static final float DESCRIPTION = LEFT + 90;
    private static final float AMOUNT = RIGHT - 110;
    /** Room left of the Amount column for its widest realistic figure, -999,999.99, and a small gap. */
    private static final float DESCRIPTION_WIDTH = AMOUNT - 64 - DESCRIPTION;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private StatementPdf() {
    }

    public static byte[] render(StatementSheet sheet) {
        try (PdfCanvas pdf = new PdfCanvas()) {
            pdf.shade(LEFT, 36, RIGHT - LEFT, 50);
            pdf.text(LEFT + 12, 60, 18, true, PdfCanvas.fit(sheet.institution(), 18, true, (RIGHT - LEFT) / 2));
            pdf.text(LEFT + 12, 77, 10, false, "Account statement");
            pdf.textRight(RIGHT - 12, 60, 10, false, DAY.format(sheet.periodStart()) + " - " + DAY.format(sheet.periodEnd()));
            pdf.textRight(RIGHT - 12, 77, 10, false, sheet.accountName() + "  " + sheet.accountNumber());

            float top = 110;
            pdf.text(LEFT, top, 11, true, sheet.holder());
            for (String address : sheet.holderAddress()) {
                top += 14;
                pdf.text(LEFT, top, 10, false, address);
            }

            BigDecimal credits = BigDecimal.ZERO;
            BigDecimal debits = BigDecimal.ZERO;
            for (StatementSheet.Line line : sheet.lines()) {
                if (line.amount().signum() >= 0) {
                    credits = credits.add(line.amount());
                } else {
                    debits = debits.add(line.amount());
                }
            }
            top += 30;
            pdf.box(LEFT, top, RIGHT - LEFT, 70);
            summary(pdf, top + 18, "Opening balance", sheet.openingBalance());
            summary(pdf, top + 32, "Deposits and credits", credits);
            summary(pdf, top + 46, "Withdrawals and debits", debits);
            summary(pdf, top + 62, "Closing balance", sheet.closingBalance());

            top += 100;
            top = header(pdf, top);
            BigDecimal running = sheet.openingBalance();
            for (StatementSheet.Line line : sheet.lines()) {
                if (top > LAST_LINE) {
                    pdf.newPage();
                    top = header(pdf, 50);
                }
                running = running.add(line.amount());
                pdf.text(LEFT, top, 9, false, DAY.format(line.date()));
                pdf.text(DESCRIPTION, top, 9, false, PdfCanvas.fit(line.description(), 9, false, DESCRIPTION_WIDTH));
                pdf.textRight(AMOUNT, top, 9, false, PdfCanvas.money(line.amount()));
                pdf.textRight(RIGHT, top, 9, false, PdfCanvas.money(running));
                top += LINE;
            }
            pdf.line(LEFT, top - 8, RIGHT);
            pdf.text(LEFT, top + 6, 9, true, "Closing balance");
            pdf.textRight(RIGHT, top + 6, 9, true, PdfCanvas.money(sheet.closingBalance()));
            return pdf.finish(sheet.toString());
        }
    }

    private static void summary(PdfCanvas pdf, float top, String label, BigDecimal amount) {
        pdf.text(LEFT + 12, top, 10, label.endsWith("balance"), label);
        pdf.textRight(RIGHT - 12, top, 10, label.endsWith("balance"), "$ " + PdfCanvas.money(amount));
    }

    private static float header(PdfCanvas pdf, float top) {
        pdf.text(LEFT, top, 9, true, "Date");
        pdf.text(DESCRIPTION, top, 9, true, "Description");
        pdf.textRight(AMOUNT, top, 9, true, "Amount");
        pdf.textRight(RIGHT, top, 9, true, "Balance");
        pdf.line(LEFT, top + 5, RIGHT);
        return top + LINE + 4;
    }
}
