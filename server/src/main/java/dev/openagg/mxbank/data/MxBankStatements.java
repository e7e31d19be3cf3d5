package dev.openagg.mxbank.data;

import dev.openagg.connector.DocumentData;
import dev.openagg.document.StatementPdf;
import dev.openagg.document.StatementSheet;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Monthly statements for the last three complete months of the checking, savings and credit card accounts. The
 * opening and closing balances are the account's balances on the days around the month, and the lines are the
 * transactions posted in it, so opening plus lines is closing.
 */
final class MxBankStatements {
    static final int MONTHS = 3;

    private final MxBankData data;

    MxBankStatements(MxBankData data) {
        this.data = data;
    }

    List<DocumentData> of(String seed, LocalDate today) {
        BankProfile profile = data.profile(seed);
        List<DocumentData> documents = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        for (int back = MONTHS; back >= 1; back--) {
            YearMonth month = current.minusMonths(back);
            LocalDate start = month.atDay(1);
            LocalDate end = month.atEndOfMonth();
            List<BankAccount> opening = data.accounts(seed, start.minusDays(1));
            List<BankAccount> closing = data.accounts(seed, end);
            List<BankTransaction> posted = data.transactions(seed, start.minusDays(7), end).stream()
                    .filter(t -> t.postedOn() != null && !t.postedOn().isBefore(start) && !t.postedOn().isAfter(end))
                    .toList();
            for (int i = 0; i < closing.size(); i++) {
                BankAccount account = closing.get(i);
                if (account.type().equals("INVESTMENT")) {
                    continue;
                }
                boolean owed = account.type().equals("CREDIT_CARD");
                List<StatementSheet.Line> lines = posted.stream()
                        .filter(t -> t.accountId().equals(account.id()))
                        .map(t -> new StatementSheet.Line(t.postedOn(), t.description(), signed(t, owed)))
                        .toList();
                StatementSheet sheet = new StatementSheet("MX Bank", account.name(), masked(account.accountNumber()),
                        profile.holderName(), List.of(profile.address(), profile.city() + ", " + profile.state() + " "
                        + profile.postalCode()), start, end, opening.get(i).balance(), account.balance(), lines);
                documents.add(new DocumentData("stmt-" + account.id() + "-" + month, null, null, account.id(), end,
                        StatementPdf.render(sheet)));
            }
        }
        return documents;
    }

    /** Deposits add to a bank account's balance; on a card, which shows what is owed, charges do. */
    private static BigDecimal signed(BankTransaction t, boolean owed) {
        boolean adds = t.type().equals("CREDIT") != owed;
        return adds ? t.amount() : t.amount().negate();
    }

    private static String masked(String number) {
        return "XXXXXX" + number.substring(number.length() - 4);
    }
}
