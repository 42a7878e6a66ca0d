package dev.csvtest.local.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.csvtest.local.json.Json;

/** How one invocation ended, as Lambda's Invoke API would report it to API Gateway. */
public sealed interface InvocationResult {

    /**
     * The environment that ran it ({@code null} when throttled), and if this was a cold start its init duration and,
     * for a SnapStart function, its hooks' durations.
     */
    record Execution(String environmentId, boolean cold, long initMillis, Optional<InitTimes.SnapStartTimes> snapStart) {

        public Execution(String environmentId, boolean cold, long initMillis) {
            this(environmentId, cold, initMillis, Optional.empty());
        }

        static Execution of(String environmentId, boolean cold, InitTimes init) {
            return cold ? new Execution(environmentId, true, init.initMillis(), init.snapStart())
                    : new Execution(environmentId, false, 0);
        }
    }

    /** The handler returned; {@code payload} is the serialized response (JSON). */
    record Success(Payload payload, Execution execution) implements InvocationResult {
    }

    /**
     * The function failed: the handler or its init threw, the response was too large, or the deadline passed.
     * {@code error} is Lambda's {@code {errorMessage, errorType, stackTrace}} object.
     */
    record FunctionError(Map<String, Object> error, Execution execution) implements InvocationResult {

        public String errorType() {
            return String.valueOf(error.get("errorType"));
        }

        public byte[] payload() {
            return Json.write(error);
        }

        static FunctionError of(String type, String message, List<String> stackTrace, Execution execution) {
            var error = new java.util.LinkedHashMap<String, Object>();
            error.put("errorMessage", message);
            error.put("errorType", type);
            if (stackTrace != null) {
                error.put("stackTrace", stackTrace);
            }
            return new FunctionError(error, execution);
        }
    }

    /** Lambda refused to run it: concurrency limit reached ({@code TooManyRequestsException}). */
    record Throttled(String reason) implements InvocationResult {
    }
}
