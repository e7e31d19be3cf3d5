package dev.openagg.document;

/** Renders a {@link TaxForm} as a one-page PDF laid out like the IRS form it names. */
public final class TaxFormPdf {
    private static final float LEFT = 40;
    private static final float RIGHT = PdfCanvas.WIDTH - 40;
    private static final float MIDDLE = PdfCanvas.WIDTH / 2;

    private TaxFormPdf() {
    }

    public static byte[] render(TaxForm form) {
        try (PdfCanvas pdf = new PdfCanvas()) {
            pdf.shade(LEFT, 40, RIGHT - LEFT, 56);
            pdf.box(LEFT, 40, RIGHT - LEFT, 56);
            pdf.text(LEFT + 12, 64, 20, true, "Form " + form.form());
            pdf.text(LEFT + 12, 84, 11, false, form.title());
            pdf.textRight(RIGHT - 12, 64, 20, true, String.valueOf(form.taxYear()));
            pdf.textRight(RIGHT - 12, 84, 9, false, "Copy B - For Recipient");

            float top = 112;
            party(pdf, LEFT, top, form.payer());
            party(pdf, MIDDLE + 4, top, form.recipient());
            if (form.accountNumber() != null) {
                pdf.text(MIDDLE + 12, top + 128, 8, false, "Account number: " + form.accountNumber());
            }

            top += 140;
            float boxWidth = (RIGHT - LEFT) / 2;
            for (int i = 0; i < form.boxes().size(); i++) {
                TaxForm.Box box = form.boxes().get(i);
                float x = LEFT + (i % 2) * boxWidth;
                float y = top + (i / 2) * 46;
                pdf.box(x, y, boxWidth, 46);
                pdf.text(x + 8, y + 14, 8, true, box.number());
                pdf.text(x + 28, y + 14, 8, false, box.label());
                pdf.textRight(x + boxWidth - 10, y + 36, 12, false, "$ " + PdfCanvas.money(box.amount()));
            }
            float bottom = top + ((form.boxes().size() + 1) / 2) * 46 + 30;
            pdf.text(LEFT, bottom, 7, false, "This is important tax information. Issued by OpenAgg's test institution "
                    + form.payer().name() + "; not a real tax document.");
            return pdf.finish(form.toString());
        }
    }

    private static void party(PdfCanvas pdf, float x, float top, TaxForm.Party party) {
        float width = MIDDLE - LEFT - 4;
        pdf.box(x, top, width, 116);
        pdf.text(x + 8, top + 14, 8, true, party.role().toUpperCase(java.util.Locale.ROOT) + "'S name and address");
        pdf.text(x + 8, top + 32, 11, true, party.name());
        float line = top + 48;
        for (String address : party.address()) {
            pdf.text(x + 8, line, 10, false, address);
            line += 14;
        }
        pdf.line(x, top + 90, x + width);
        pdf.text(x + 8, top + 104, 9, false, party.role().toUpperCase(java.util.Locale.ROOT) + "'S TIN: " + party.taxId());
    }
}
