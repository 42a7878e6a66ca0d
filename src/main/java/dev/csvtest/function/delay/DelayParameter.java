package dev.csvtest.function.delay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code delay} query parameter of a payload 2.0 event.
 *
 * <p>Grammar: ASCII digits with an optional fraction ({@code 2}, {@code 0.25}), in seconds, between 0 and the
 * configured maximum. A missing parameter means 0. Everything else is rejected: this is a strict whitelist rather
 * than {@link Double#parseDouble}, which would accept {@code NaN}, {@code Infinity}, {@code 1e3}, {@code 0x1p3},
 * {@code 1d} and surrounding whitespace. Fractions beyond milliseconds are rounded up, so the answer never comes
 * before the requested delay.
 *
 * <p>Repeated keys: HTTP API joins them as {@code "1,2"} in {@code queryStringParameters}, so the raw query
 * string is the source of truth (it shows both keys), and a comma in the parsed value is rejected as well in case
 * only the joined map is present.
 */
public final class DelayParameter {

    public static final String NAME = "delay";

    /**
     * Longest raw value we look at. The longest sensible value is well under this ({@code 29.999}); capping the
     * length before decoding or parsing keeps a hostile multi-kilobyte value from costing anything.
     */
    static final int MAX_RAW_LENGTH = 32;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private DelayParameter() {
    }

    /**
     * @param rawQueryString        the event's {@code rawQueryString} (may be null or empty)
     * @param queryStringParameters the event's {@code queryStringParameters} (may be null)
     * @param max                   the largest accepted delay
     */
    public static ParsedDelay parse(String rawQueryString, Map<String, String> queryStringParameters, Duration max) {
        Objects.requireNonNull(max, "max");
        List<String> values = rawQueryString == null ? new ArrayList<>() : valuesInRawQuery(rawQueryString);
        var joined = queryStringParameters == null ? null : queryStringParameters.get(NAME);
        if (values.isEmpty() && joined != null) {
            values.add(joined);
        }
        if (values.size() > 1 || (joined != null && joined.indexOf(',') >= 0)) {
            return reject("The 'delay' parameter must appear at most once.", max);
        }
        if (values.isEmpty()) {
            return new ParsedDelay.Accepted(Duration.ZERO);
        }
        return parseValue(values.getFirst(), max);
    }

    /** Collects every {@code delay} value, undecoded, from the raw query string. */
    private static List<String> valuesInRawQuery(String raw) {
        var values = new ArrayList<String>();
        for (var pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            var encodedKey = eq < 0 ? pair : pair.substring(0, eq);
            if (encodedKey.length() > 3 * NAME.length()) {
                continue; // too long to be "delay", even fully percent-encoded
            }
            String key;
            try {
                key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // a malformed key that is not ours; API Gateway would pass it on too
            }
            if (key.equals(NAME)) {
                values.add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return values;
    }

    /** Validates one raw (possibly percent-encoded) value. */
    private static ParsedDelay parseValue(String encoded, Duration max) {
        if (encoded.length() > MAX_RAW_LENGTH) {
            return reject("The 'delay' parameter is too long (more than " + MAX_RAW_LENGTH + " characters).", max);
        }
        String value;
        try {
            value = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return reject("The 'delay' parameter is not correctly percent-encoded.", max);
        }
        if (value.isEmpty()) {
            return reject("The 'delay' parameter is empty; give a number of seconds or leave it out.", max);
        }
        if (value.indexOf(',') >= 0) {
            return reject("The 'delay' parameter must appear at most once.", max);
        }
        if (value.startsWith("-") && DECIMAL.matcher(value.substring(1)).matches()) {
            return reject("The 'delay' parameter must not be negative.", max);
        }
        if (!DECIMAL.matcher(value).matches()) {
            return reject("The 'delay' parameter must be a decimal number of seconds, such as 2 or 0.25.", max);
        }
        var seconds = new BigDecimal(value);
        if (seconds.compareTo(BigDecimal.valueOf(max.toMillis(), 3)) > 0) {
            return reject("The 'delay' parameter is out of range.", max);
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
        return new ParsedDelay.Accepted(Duration.ofMillis(millis));
    }

    private static ParsedDelay.Rejected reject(String detail, Duration max) {
        return new ParsedDelay.Rejected(detail + " Allowed: 0 to " + seconds(max) + " seconds.", Duration.ZERO, max);
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
