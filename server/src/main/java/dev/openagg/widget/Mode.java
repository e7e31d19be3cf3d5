package dev.openagg.widget;

import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** The widget's {@code mode}: which job a connection runs and which institutions the search offers. */
enum Mode {
    AGGREGATION(JobKind.AGGREGATE, i -> true),
    VERIFICATION(JobKind.VERIFICATION, InstitutionInfo::supportsAccountVerification),
    TAX(JobKind.TAX_DOCUMENTS, InstitutionInfo::supportsTaxDocument);

    private final JobKind job;
    private final Predicate<InstitutionInfo> offers;

    Mode(JobKind job, Predicate<InstitutionInfo> offers) {
        this.job = job;
        this.offers = offers;
    }

    JobKind job() {
        return job;
    }

    boolean offers(InstitutionInfo institution) {
        return offers.test(institution);
    }

    /** The name clients send and the page sees: {@code aggregation}, {@code verification} or {@code tax}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Mode> of(String wireName) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(wireName)).findFirst();
    }
}
