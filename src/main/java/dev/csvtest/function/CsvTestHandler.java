package dev.csvtest.function;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.function.cache.CsvSource;
import dev.csvtest.function.cache.LoadResult;
import dev.csvtest.function.cache.ObjectCache;
import dev.csvtest.function.delay.DelayParameter;
import dev.csvtest.function.delay.ParsedDelay;
import dev.csvtest.function.http.Outcome;
import dev.csvtest.function.http.ResponseLimits;
import dev.csvtest.function.http.ResponseMapper;
import dev.csvtest.function.observe.RequestLog;
import dev.csvtest.function.observe.Served;
import dev.csvtest.function.s3.S3ObjectFetcher;
import dev.csvtest.function.s3.UpstreamFailure;
import dev.csvtest.function.s3.client.S3ClientFactory;
import dev.csvtest.function.snapstart.PrimingResource;
import dev.csvtest.function.time.Deadline;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code GET /csv_test?delay=N} behind an HTTP API (payload 2.0): waits {@code delay} seconds, then answers with the
 * CSV object from S3.
 *
 * <p>One invocation: validate {@code delay} (400 on anything odd); start loading the object on a virtual thread
 * (from the cache, or S3 with a deadline); sleep out the rest of the delay; join the load; map the outcome to a
 * response in {@link ResponseMapper}. The response therefore takes about {@code max(delay, fetch)}, and neither the
 * sleep nor the fetch runs past the invocation's remaining time minus {@link #DEADLINE_RESERVE}.
 *
 * <p>Init (the constructor) validates the configuration synchronously, so a bad value fails init, and starts
 * building the environment's one S3 client on a background virtual thread. It deliberately neither waits for the
 * client nor fetches the object: building the client loads most of the SDK (0.3–0.8 s in a fresh JVM, see
 * docs/client-choice.md), and the first request's fetch overlaps with its delay, so work done there is hidden
 * behind the delay while work done in init is added to every cold start (init plus delay, instead of the larger
 * of the two). With SnapStart the snapshot is primed instead, in {@code beforeCheckpoint}, where init time costs
 * the caller nothing.
 */
public final class CsvTestHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, AutoCloseable {

    /** Kept back from the remaining time to build and return the response before Lambda's own timeout. */
    static final Duration DEADLINE_RESERVE = Duration.ofMillis(250);
    /** How long priming before a SnapStart snapshot may take; an unreachable S3 must not stall deployment. */
    static final Duration PRIMING_BUDGET = Duration.ofSeconds(5);
    /**
     * The fetch ends this much before the invocation's deadline, so that its own result (a timeout, with the cache
     * outcome and S3 call the log line reports) is what the request waits for; joining at the deadline itself is only
     * the backstop.
     */
    static final Duration FETCH_MARGIN = Duration.ofMillis(100);
    /** The request id of priming's own requests, in their log line. */
    static final String PRIMING_REQUEST_ID = "snapstart-priming";

    private final FunctionConfig config;
    /** Built once per environment, in the background (see the class comment). */
    private final CompletableFuture<S3Client> s3;
    private final ObjectCache cache;
    private final CsvSource source;
    private final ResponseMapper responses;
    /** Virtual threads: a fetch costs a few KiB of stack, however many requests are sleeping at once. */
    private final ExecutorService fetchThreads;
    /** True until this environment's first request: that one is the cold start. */
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    /** Held strongly: CRaC implementations may keep registered resources only weakly. */
    private final PrimingResource priming;

    /** Used by the Lambda runtime. */
    public CsvTestHandler() {
        this(System.getenv());
    }

    /** Used by the local stack and tests to pass the function's environment. */
    public CsvTestHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** Tests pass a clock they can move past the cache interval. */
    CsvTestHandler(Map<String, String> environment, Clock clock) {
        this.config = FunctionConfig.fromEnvironment(environment);
        this.fetchThreads = Executors.newVirtualThreadPerTaskExecutor();
        this.s3 = CompletableFuture.supplyAsync(() -> S3ClientFactory.create(config.s3(), S3ObjectFetcher.TIMEOUTS),
                fetchThreads);
        this.cache = new ObjectCache(Objects.requireNonNull(clock, "clock"), config.cacheRevalidateInterval(),
                config.cacheMaxBytes());
        this.source = new CsvSource(new S3ObjectFetcher(s3::join, config.bucket(), config.key(), ResponseLimits.BODY,
                S3ObjectFetcher.TIMEOUTS), cache);
        this.responses = new ResponseMapper(config.largeObjectRedirectUrl());
        this.priming = PrimingResource.register(this::prime, this::restored);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Objects.requireNonNull(context, "context");
        var deadline = Deadline.after(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(DEADLINE_RESERVE));
        return answer(event, deadline, context.getAwsRequestId(), coldStart.getAndSet(false), line -> log(context, line))
                .response();
    }

    /** The configuration this environment runs with. */
    public FunctionConfig config() {
        return config;
    }

    /** Serves one request, maps it to its response and writes its one log line. */
    private ResponseMapper.Mapped answer(APIGatewayV2HTTPEvent event, Deadline deadline, String requestId, boolean cold,
            Consumer<String> log) {
        long start = System.nanoTime();
        Served served;
        try {
            served = serve(event, deadline);
        } catch (RuntimeException e) {
            served = Served.before(new Outcome.Unexpected(e));
        }
        var mapped = responses.map(served.outcome(), requestId);
        log.accept(RequestLog.line(new RequestLog.Entry(Instant.now(), requestId, cold,
                Duration.ofNanos(System.nanoTime() - start), served, mapped)));
        return mapped;
    }

    private Served serve(APIGatewayV2HTTPEvent event, Deadline deadline) {
        var parsed = event == null
                ? DelayParameter.parse(null, null, config.maxDelay())
                : DelayParameter.parse(event.getRawQueryString(), event.getQueryStringParameters(), config.maxDelay());
        return switch (parsed) {
            case ParsedDelay.Rejected rejected -> Served.before(new Outcome.InvalidDelay(rejected));
            case ParsedDelay.Accepted accepted -> delayThenServe(accepted.delay(), deadline);
        };
    }

    private Served delayThenServe(Duration delay, Deadline deadline) {
        var remaining = deadline.remaining();
        if (delay.compareTo(remaining) > 0) {
            // Sleeping first and failing later would only waste the caller's time (and billed duration).
            return Served.after(delay, new Outcome.DeadlineExceeded("A delay of " + delay.toMillis()
                    + " ms does not fit in the " + remaining.toMillis() + " ms this invocation has left."));
        }
        long delayEnd = System.nanoTime() + delay.toNanos();
        // Started before the sleep, so the fetch overlaps with it.
        Future<LoadResult> load = fetchThreads.submit(() -> source.load(deadline.earlier(FETCH_MARGIN)));
        try {
            sleepUntil(delayEnd, deadline);
            var loaded = load.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            return Served.loaded(delay, loaded, switch (loaded) {
                case LoadResult.Ready ready -> new Outcome.Csv(ready.object());
                case LoadResult.TooLarge tooLarge -> new Outcome.LargeObject(tooLarge.sizeBytes());
                case LoadResult.Failed failed -> new Outcome.Upstream(failed.failure());
            });
        } catch (TimeoutException e) {
            load.cancel(true);
            return Served.after(delay, new Outcome.Upstream(
                    new UpstreamFailure.TimedOut("S3 did not answer before the invocation's deadline")));
        } catch (InterruptedException e) {
            // The local stack interrupts an invocation that ran past its Timeout; stop the fetch too.
            load.cancel(true);
            Thread.currentThread().interrupt();
            return Served.after(delay, new Outcome.Unexpected(e));
        } catch (ExecutionException e) {
            return Served.after(delay, new Outcome.Unexpected(e.getCause()));
        }
    }

    /** Sleeps until {@code wakeAt} on the monotonic clock, but never past the deadline. */
    private static void sleepUntil(long wakeAt, Deadline deadline) throws InterruptedException {
        long nanos = Math.min(wakeAt - System.nanoTime(), deadline.remaining().toNanos());
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }

    /**
     * SnapStart {@code beforeCheckpoint}: runs one real {@code delay=0} request and one rejected request, so the
     * snapshot holds loaded and initialised classes (SDK, HTTP client, our code), a warm connection pool entry and
     * the object in the cache. Failure is logged and ignored: an unreachable S3 at deploy time must not fail the
     * deployment, the first request will simply fetch.
     */
    void prime() {
        try {
            var event = new APIGatewayV2HTTPEvent();
            event.setRawQueryString("delay=0");
            event.setQueryStringParameters(Map.of("delay", "0"));
            // Writes its log line too, which loads and initialises the log line's classes for the first real request.
            var primed = answer(event, Deadline.after(PRIMING_BUDGET), PRIMING_REQUEST_ID, false, System.out::println);
            var rejected = new APIGatewayV2HTTPEvent();
            rejected.setRawQueryString("delay=-1");
            answer(rejected, Deadline.after(PRIMING_BUDGET), PRIMING_REQUEST_ID, false, line -> { });
            System.out.println("csv-test priming done before checkpoint: status=" + primed.status()
                    + (primed.status() == 200 ? "" : " (not cached; the first request will fetch)"));
        } catch (RuntimeException e) {
            System.out.println("csv-test priming failed, continuing without: "
                    + (e.getClass().getName() + ": " + e.getMessage()).replace('\r', ' ').replace('\n', ' '));
        }
    }

    /** SnapStart {@code afterRestore}: the snapshot may be old, so ask S3 before serving the primed copy. */
    void restored() {
        cache.forceRevalidation();
    }

    /**
     * Writes the line through {@code LambdaLogger.log(byte[])}: with the function's {@code LogFormat: JSON}, Lambda's
     * Java runtime wraps {@code log(String)} messages in its own JSON object (our JSON would become an escaped string,
     * and CloudWatch would not extract the EMF metrics), but passes byte messages through unformatted
     * (aws-lambda-java-runtime-interface-client, {@code AbstractLambdaLogger.log(byte[], LogLevel)}).
     */
    private static void log(Context context, String line) {
        var logger = context.getLogger();
        if (logger == null) {
            System.out.println(line);
        } else {
            logger.log(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Releases the client and fetch threads; the local stack calls this when it discards an environment. */
    @Override
    public void close() {
        s3.whenComplete((client, failure) -> {
            if (client != null) {
                client.close();
            }
        });
        fetchThreads.shutdownNow();
    }

    /** For tests: the SnapStart hooks as registered. */
    PrimingResource primingResource() {
        return priming;
    }
}
