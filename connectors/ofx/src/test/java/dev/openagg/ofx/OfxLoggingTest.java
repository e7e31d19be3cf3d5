package dev.openagg.ofx;

import static dev.openagg.connector.ChallengeType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.openagg.testkit.ConnectorKit;
import dev.openagg.testkit.JobRun;
import dev.openagg.testkit.KitMember;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OfxLoggingTest {

    @Test
    void the_exchange_is_logged_at_debug_level_without_any_secret() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.openagg.ofx");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        KitMember member;
        try (LocalOfxServer bank = LocalOfxServer.start(LocalDate.of(2025, 1, 15))) {
            ConnectorKit kit = ConnectorKit.of(new OfxConnector(OfxConnectorTest.institution(bank.url(), "220")));
            member = kit.member(Map.of("LOGIN", "mfa_two", "PASSWORD", LocalOfxServer.PASSWORD));
            JobRun run = member.start("aggregate").expectChallenges(TEXT, TEXT);
            run.answer(OfxConnectorTest.answers(run)).expectChallenge(TEXT);
            run.answer(OfxConnectorTest.answers(run)).expectConnected();
            member.start("fetch_tax_documents").expectConnected();
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(before);
            logger.setAdditive(true);
        }

        String log = String.join("\n", captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(log).contains("<USERID>mfa_two", "<USERPASS>***", "<MFAPHRASEA>***", "<ACCESSKEY>***",
                "<MFAPHRASEID>MFA21");
        assertThat(log).doesNotContain(LocalOfxServer.PASSWORD, "Paris", "Rex", "904317",
                member.kept().get("ACCESSKEY"));
    }
}
