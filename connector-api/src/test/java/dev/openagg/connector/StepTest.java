package dev.openagg.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class StepTest {

    @ParameterizedTest
    @EnumSource(value = ConnectionStatus.class, names = {"CREATED", "CHALLENGED", "CONNECTED", "RECONNECTED",
            "DELAYED", "UPDATED", "RESUMED", "PENDING", "IMPORTED"})
    void a_failure_cannot_end_in_a_status_that_is_not_an_error(ConnectionStatus status) {
        assertThatThrownBy(() -> new Step.Failed(status, "no"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(status + " is not a status a failed job ends in");
    }

    @Test
    void every_error_status_is_a_failure_and_nothing_else_is() {
        List<ConnectionStatus> failures = Arrays.stream(ConnectionStatus.values())
                .filter(ConnectionStatus::isFailure).toList();

        assertThat(failures).containsExactlyInAnyOrder(ConnectionStatus.PREVENTED, ConnectionStatus.DENIED,
                ConnectionStatus.REJECTED, ConnectionStatus.LOCKED, ConnectionStatus.IMPEDED, ConnectionStatus.DEGRADED,
                ConnectionStatus.DISCONNECTED, ConnectionStatus.DISCONTINUED, ConnectionStatus.CLOSED,
                ConnectionStatus.FAILED, ConnectionStatus.DISABLED, ConnectionStatus.EXPIRED, ConnectionStatus.IMPAIRED);
        failures.forEach(status -> assertThat(new Step.Failed(status).status()).isEqualTo(status));
    }

    @Test
    void a_blank_message_means_the_standard_one_and_a_long_one_is_cut() {
        assertThat(new Step.Failed(ConnectionStatus.LOCKED, "  ").message()).isNull();
        assertThat(new Step.Failed(ConnectionStatus.LOCKED, "x".repeat(900)).message())
                .hasSize(Step.Failed.MESSAGE_LIMIT);
    }

    @Test
    void a_challenged_step_needs_a_challenge_and_a_delay_cannot_be_negative() {
        assertThatThrownBy(() -> new Step.Challenged(List.of(), "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step.Delayed(Duration.ofSeconds(-1), "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void match_hands_each_kind_of_step_to_its_own_case() {
        Step.Cases<String> names = new Step.Cases<>() {
            @Override
            public String challenged(Step.Challenged step) {
                return "challenged " + step.state();
            }

            @Override
            public String succeeded(Step.Succeeded step) {
                return "succeeded";
            }

            @Override
            public String failed(Step.Failed step) {
                return "failed " + step.status();
            }

            @Override
            public String delayed(Step.Delayed step) {
                return "delayed " + step.after().toSeconds();
            }
        };

        assertThat(new Step.Challenged(List.of(Challenge.text("Q?")), "s1").match(names)).isEqualTo("challenged s1");
        assertThat(new Step.Succeeded(Harvest.empty()).match(names)).isEqualTo("succeeded");
        assertThat(new Step.Failed(ConnectionStatus.DENIED).match(names)).isEqualTo("failed DENIED");
        assertThat(new Step.Delayed(Duration.ofSeconds(3), null).match(names)).isEqualTo("delayed 3");
    }

    @Test
    void a_success_keeps_nothing_unless_it_says_what_to_keep_and_hides_the_values() {
        assertThat(new Step.Succeeded(Harvest.empty()).keep()).isNull();

        Step.Succeeded keeping = new Step.Succeeded(Harvest.empty(), java.util.Map.of("ACCESSKEY", "k-secret"));

        assertThat(keeping.keep()).containsEntry("ACCESSKEY", "k-secret");
        assertThat(keeping.toString()).contains("ACCESSKEY").doesNotContain("k-secret");
    }

    @Test
    void a_document_needs_a_pdf_or_a_tax_form_s_figures() {
        TaxFormData form = new TaxFormData("1099-INT", "Interest Income", 2024,
                new TaxFormData.Party("Payer", "Bank", "12-3456789", List.of()),
                new TaxFormData.Party("Recipient", "Jo", "***-**-1234", List.of()), null,
                List.of(new TaxFormData.Box("1", "Interest income", new java.math.BigDecimal("1.00"))));

        DocumentData byFigures = DocumentData.taxForm("int-2024", java.time.LocalDate.of(2025, 1, 31), form);

        assertThat(byFigures.documentType()).isEqualTo("TAX1099_INT");
        assertThat(byFigures.taxYear()).isEqualTo("2024");
        assertThat(byFigures.pdf()).isNull();
        assertThatThrownBy(() -> new DocumentData("x", "TAX1099_INT", "2024", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a PDF");
    }
}
