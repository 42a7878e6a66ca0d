package hello;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Structured JSON logs and CloudWatch EMF metrics from Powertools 2.x. Everything Powertools needs
 * (service name, metrics namespace, log level) comes from the template's environment variables; the
 * response echoes what Powertools actually picked up, so a caller can see the variables arrived.
 */
public class PowertoolsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    @Override
    @Logging(logEvent = true)
    @FlushMetrics(captureColdStart = true)
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // The logging aspect has filled the MDC before this line runs: an empty "service" here means the
        // aspect was not woven (or POWERTOOLS_SERVICE_NAME did not reach the function).
        String service = MDC.get("service");
        String coldStart = MDC.get("cold_start");

        LOG.info("Hello from Powertools");
        LOG.debug("Only logged when POWERTOOLS_LOG_LEVEL is DEBUG or finer");
        METRICS.addMetric("HelloInvocations", 1, MetricUnit.COUNT);

        Level level = LogManager.getRootLogger().getLevel();
        String body = "{"
                + "\"service\":" + quote(service)
                + ",\"coldStart\":" + quote(coldStart)
                + ",\"logLevel\":" + quote(level == null ? null : level.name())
                + ",\"metricsNamespace\":" + quote(System.getenv("POWERTOOLS_METRICS_NAMESPACE"))
                + ",\"path\":" + quote(event.getRawPath())
                + "}";

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(headers)
                .withBody(body)
                .build();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
