package dev.openagg.document;

import dev.openagg.connector.TaxFormData;
import java.util.Locale;

/** Renders a {@link TaxFormData} as a one-page PDF laid out like the IRS form it names. */
public final class TaxFormPdf {
    private static final float LEFT = 40;
    private static final float RIGHT = PdfCanvas.WIDTH - 40;
    private static final float MIDDLE = PdfCanvas.WIDTH / 2;
    private static final float PARTY_WIDTH = MIDDLE - LEFT - 4;
    private static final float ADDRESS_LINE = 14;
    private static final float BOX_HEIGHT = 46;

    private TaxFormPdf() {
    }

    public static byte[] render(TaxFormData form) {
        try (PdfCanvas pdf = new PdfCanvas()) {
            pdf.shade(LEFT, 40, RIGHT - LEFT, 56);
            pdf.box(LEFT, 40, RIGHT - LEFT, 56);
            pdf.text(LEFT + 12, 64, 20, true, "Form " + form.form());
            pdf.text(LEFT + 12, 84, 11, false, PdfCanvas.fit(form.title(), 11, false, RIGHT - LEFT - 140));
            pdf.textRight(RIGHT - 12, 64, 20, true, String.valueOf(form.taxYear()));
            pdf.textRight(RIGHT - 12, 84, 9, false, "Copy B - For Recipient");

            float top = 112;
            // Both blocks share one height, grown for the longer address, so the TIN rows line up as on the IRS form.
            int lines = Math.max(3, Math.max(form.payer().address().size(), form.recipient().address().size()));
            float height = 74 + lines * ADDRESS_LINE;
            party(pdf, LEFT, top, height, form.payer());
            party(pdf, MIDDLE + 4, top, height, form.recipient());
            if (form.accountNumber() != null) {
                pdf.text(MIDDLE + 12, top + height + 12, 8, false, "Account number: " + form.accountNumber());
            }

            top += height + 24;
            float boxWidth = (RIGHT - LEFT) / 2;
            for (int i = 0; i < form.boxes().size(); i++) {
                TaxFormData.Box box = form.boxes().get(i);
                float x = LEFT + (i % 2) * boxWidth;
                float y = top + (i / 2) * BOX_HEIGHT;
                pdf.box(x, y, boxWidth, BOX_HEIGHT);
                pdf.text(x + 8, y + 14, 8, true, box.number());
                pdf.text(x + 28, y + 14, 8, false, PdfCanvas.fit(box.label(), 8, false, boxWidth - 36));
                pdf.textRight(x + boxWidth - 10, y + 36, 12, false, "$ " + PdfCanvas.money(box.amount()));
            }
            float bottom = top + ((form.boxes().size() + 1) / 2) * BOX_HEIGHT + 30;
            pdf.text(LEFT, bottom, 7, false, PdfCanvas.fit("Drawn by OpenAgg from the figures " + form.payer().name()
                    + " reported; the payer's own form is the official copy.", 7, false, RIGHT - LEFT));
            return pdf.finish(form.toString());
        }
    }

    private static void party(PdfCanvas pdf, float x, float top, float height, TaxFormData.Party party) {
        String role = party.role().toUpperCase(Locale.ROOT);
        float inner = PARTY_WIDTH - 16;
        pdf.box(x, top, PARTY_WIDTH, height);
        pdf.text(x + 8, top + 14, 8, true, role + "'S name and address");
        pdf.text(x + 8, top + 32, 11, true, PdfCanvas.fit(party.name(), 11, true, inner));
        float line = top + 48;
        for (String address : party.address()) {
            pdf.text(x + 8, line, 10, false, PdfCanvas.fit(address, 10, false, inner));
            line += ADDRESS_LINE;
        }
        pdf.line(x, top + height - 26, x + PARTY_WIDTH);
        pdf.text(x + 8, top + height - 12, 9, false, role + "'S TIN: " + party.taxId());
    }
}
