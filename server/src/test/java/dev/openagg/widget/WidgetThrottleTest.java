package dev.openagg.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.support.Api;
import dev.openagg.support.FreshServerTest;
import dev.openagg.support.Reply;
import dev.openagg.support.Widgets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Wrong widget session secrets are throttled by source address as wrong API keys are. Its own server for each
 * test: the throttle counts the loopback address every test sends from.
 */
class WidgetThrottleTest extends FreshServerTest {

    @Test
    void repeated_wrong_session_secrets_are_answered_429_with_retry_after_and_recover_after_the_wait() {
        Widgets widgets = new Widgets(api);
        Api page = widgets.session(widgets.open(widgets.url(flow.userGuid, "")));
        Api guesser = widgets.session("0".repeat(64));
        assertThat(page.get("/widget/api/session").status()).isEqualTo(200);

        for (int i = 0; i < 10; i++) {
            assertThat(guesser.get("/widget/api/session").status()).isEqualTo(401);
        }
        Reply throttled = guesser.get("/widget/api/session");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 6);
        assertThat(throttled.errorMessage()).contains("too many failed attempts");
        assertThat(page.get("/widget/api/session").status())
                .as("a throttled address is refused before its secret is looked at").isEqualTo(429);
        assertThat(api.withAuthorization("Bearer ").get("/widget/api/session").status())
                .as("no secret at all is not a guess").isEqualTo(401);

        server.clock.advance(Duration.ofSeconds(6));
        assertThat(page.get("/widget/api/session").status()).isEqualTo(200);
        assertThat(guesser.get("/widget/api/session").status()).isEqualTo(401);
        assertThat(guesser.get("/widget/api/session").status()).as("one refill, one more guess").isEqualTo(429);
    }
}
