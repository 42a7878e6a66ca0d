package dev.csvtest.function.delay;

import java.time.Duration;
import java.util.Objects;

/** The result of reading the {@code delay} parameter: a valid delay, or the reason it was rejected. */
public sealed interface ParsedDelay {

    /** A delay within range, rounded up to whole milliseconds. */
    record Accepted(Duration delay) implements ParsedDelay {
        public Accepted {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * A client error (always a 400).
     *
     * @param detail a human-readable reason naming the parameter and the allowed range; never echoes the input
     * @param min    the smallest allowed delay
     * @param max    the largest allowed delay
     */
    record Rejected(String detail, Duration min, Duration max) implements ParsedDelay {
        public Rejected {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }
    }
}
