package dev.csvtest.local;

import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The HttpApi's {@code DefaultRouteSettings} throttling: a token bucket; over it, 429 before Lambda is called. */
class StageThrottlingTest {

    @Test
    void overTheBurst_answers429TooManyRequests_unlessSwitchedOff() {
        var options = RunningStack.options(Path.of("src/test/resources/local/stage-throttling-template.yaml"),
                new LogCapture());
        try (var stack = LocalStack.start(options.build()); var http = new HttpProbe(stack.url())) {
            assertThat(http.get("/x").status()).isEqualTo(200);
            assertThat(http.get("/x").status()).isEqualTo(200);
            var third = http.get("/x");
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.text()).isEqualTo("{\"message\":\"Too Many Requests\"}");
        }
        try (var stack = LocalStack.start(options.stageThrottling(false).build()); var http = new HttpProbe(stack.url())) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/x").status()).isEqualTo(200);
            }
        }
    }
}
