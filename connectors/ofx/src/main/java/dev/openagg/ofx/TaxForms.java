package dev.openagg.ofx;

import dev.openagg.connector.DocumentData;
import dev.openagg.connector.TaxFormData;
import dev.openagg.connector.TaxFormData.Box;
import dev.openagg.connector.TaxFormData.Party;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 1099s of a {@code TAX1099RS}: each {@code TAX1099INT_V100}, {@code TAX1099DIV_V100} and {@code TAX1099B_V100}
 * becomes a tax document whose boxes carry the amounts exactly as the institution sent them. Boxes the institution
 * left out are left out; a 1099-B's boxes are the sums over its sales.
 */
final class TaxForms {
    private TaxForms() {
    }

    /** A box: the OFX element that carries it, its number on the form and its label. */
    private record Field(String element, String number, String label) {
    }

    private static final List<Field> INT = List.of(
            new Field("INTINCOME", "1", "Interest income"),
            new Field("ERLWITHPEN", "2", "Early withdrawal penalty"),
            new Field("INTUSBNDTRS", "3", "Interest on U.S. Savings Bonds and Treasury obligations"),
            new Field("FEDTAXWH", "4", "Federal income tax withheld"),
            new Field("INVESTEXP", "5", "Investment expenses"),
            new Field("FORTAXPD", "6", "Foreign tax paid"),
            new Field("TAXEXEMPTINT", "8", "Tax-exempt interest"),
            new Field("SPECPABINT", "9", "Specified private activity bond interest"),
            new Field("MKTDISCOUNT", "10", "Market discount"),
            new Field("BONDPREMIUM", "11", "Bond premium"));

    private static final List<Field> DIV = List.of(
            new Field("ORDDIV", "1a", "Total ordinary dividends"),
            new Field("QUALIFIEDDIV", "1b", "Qualified dividends"),
            new Field("TOTCAPGAIN", "2a", "Total capital gain distributions"),
            new Field("UNRECSEC1250", "2b", "Unrecaptured Section 1250 gain"),
            new Field("SEC1202", "2c", "Section 1202 gain"),
            new Field("COLLECTIBLES", "2d", "Collectibles (28%) gain"),
            new Field("NONTAXDIST", "3", "Nondividend distributions"),
            new Field("FEDTAXWH", "4", "Federal income tax withheld"),
            new Field("INVESTEXP", "6", "Investment expenses"),
            new Field("FORTAXPD", "7", "Foreign tax paid"),
            new Field("CASHLIQ", "9", "Cash liquidation distributions"),
            new Field("NONCASHLIQ", "10", "Noncash liquidation distributions"),
            new Field("EXEMPTINTDIV", "12", "Exempt-interest dividends"));

    static List<DocumentData> documents(OfxElement reply, LocalDate today) {
        List<DocumentData> documents = new ArrayList<>();
        for (OfxElement rs : reply.all("TAX1099RS")) {
            for (OfxElement form : rs.children()) {
                switch (form.name()) {
                    case "TAX1099INT_V100" -> add(documents, form, "1099-INT", "Interest Income", boxes(form, INT), today);
                    case "TAX1099DIV_V100" -> add(documents, form, "1099-DIV", "Dividends and Distributions",
                            boxes(form, DIV), today);
                    case "TAX1099B_V100" -> add(documents, form, "1099-B",
                            "Proceeds From Broker and Barter Exchange Transactions", brokerBoxes(form), today);
                    default -> {
                        // Other forms (1099-MISC, 1099-R, ...) are not rendered yet; they are skipped, not failed.
                    }
                }
            }
        }
        return documents;
    }

    private static void add(List<DocumentData> documents, OfxElement form, String name, String title, List<Box> boxes,
                            LocalDate today) {
        int year = form.text("TAXYEAR").map(String::trim).map(Integer::parseInt).orElseThrow(() ->
                new OfxClient.Unreachable("The institution sent a " + name + " without its tax year.", null));
        Party payer = party(form.child("PAYERADDR"), "Payer", "PAYERNAME", form.text("PAYERID").orElse(""));
        Party recipient = party(form.child("RECADDR"), "Recipient", "RECNAME",
                Values.masked(form.text("RECID").orElse("")));
        String account = form.text("RECACCT").map(Values::masked).orElse(null);
        String id = form.text("SRVRTID").orElse(account == null ? "" : account);
        TaxFormData data = new TaxFormData(name, title, year, payer, recipient, account, boxes);
        LocalDate issued = Values.date(form, "DTISSUED").orElse(today);
        documents.add(DocumentData.taxForm(Values.sourceId("tax-" + year + "-" + name + "-" + id), issued, data));
    }

    private static List<Box> boxes(OfxElement form, List<Field> fields) {
        List<Box> boxes = new ArrayList<>();
        for (Field field : fields) {
            Values.amount(form, field.element()).ifPresent(a -> boxes.add(new Box(field.number(), field.label(), a)));
        }
        return boxes;
    }

    /** Sums over the sales ({@code PROCDET_V100}) of the form, wherever the institution nests them. */
    private static List<Box> brokerBoxes(OfxElement form) {
        List<OfxElement> sales = form.all("PROCDET_V100");
        BigDecimal proceeds = sum(sales, "SALESPR");
        BigDecimal basis = sum(sales, "COSTBASIS");
        List<Box> boxes = new ArrayList<>(List.of(
                new Box("1d", "Proceeds", proceeds),
                new Box("1e", "Cost or other basis", basis),
                new Box("", "Gain or (loss)", proceeds.subtract(basis))));
        BigDecimal withheld = sum(sales, "FEDTAXWH");
        Optional<BigDecimal> formWithheld = Values.amount(form, "FEDTAXWH");
        if (formWithheld.isPresent() || withheld.signum() != 0) {
            boxes.add(new Box("4", "Federal income tax withheld", formWithheld.orElse(withheld)));
        }
        return boxes;
    }

    private static BigDecimal sum(List<OfxElement> sales, String element) {
        return sales.stream().map(s -> Values.amount(s, element).orElse(BigDecimal.ZERO.setScale(2)))
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static Party party(Optional<OfxElement> address, String role, String namePrefix, String taxId) {
        if (address.isEmpty()) {
            return new Party(role, "", taxId, List.of());
        }
        OfxElement a = address.get();
        String name = String.join(" ", a.text(namePrefix + "1").orElse(""), a.text(namePrefix + "2").orElse("")).trim();
        List<String> lines = new ArrayList<>();
        for (String line : List.of("ADDR1", "ADDR2", "ADDR3")) {
            a.text(line).ifPresent(lines::add);
        }
        String city = a.text("CITY").orElse("");
        String place = (city + ", " + a.text("STATE").orElse("") + " " + a.text("POSTALCODE").orElse("")).trim();
        if (!place.equals(",")) {
            lines.add(place);
        }
        return new Party(role, name, taxId, lines);
    }
}
