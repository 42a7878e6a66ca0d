package dev.csvtest.function.delay;

import java.util.stream.Stream;

/** Bad {@code delay} forms as raw query strings; each must be a 400. Shared by the parser and handler tests. */
public final class BadDelayQueries {

    private BadDelayQueries() {
    }

    public static Stream<String> all() {
        return Stream.of(
                "delay=",                                  // empty
                "delay",                                   // key without value
                "delay=abc",                               // non-numeric
                "delay=-1",                                // negative
                "delay=-0.5",                              // negative fraction
                "delay=%2D1",                              // encoded minus
                "delay=NaN",
                "delay=Infinity",
                "delay=-Infinity",
                "delay=1e3",                               // exponent: Double.parseDouble would accept it
                "delay=0x10",                              // hex
                "delay=1d",                                // Java double suffix
                "delay=21",                                // out of range
                "delay=20.001",                            // just out of range
                "delay=99999999999999999999",              // beyond long
                "delay=1&delay=2",                         // repeated key (payload 2.0 joins it as "1,2")
                "delay=1&delay=1",                         // repeated, same value
                "%64elay=1&delay=2",                       // repeated, one key percent-encoded
                "delay=1,2",                               // comma
                "delay=+1",                                // '+' decodes to a space
                "delay=%201",                              // leading space
                "delay=1%20",                              // trailing space
                "delay=%",                                 // broken percent-encoding
                "delay=%zz",
                "delay=1%00",                              // NUL
                "delay=" + "1".repeat(10_000),             // absurd length
                "delay=" + "0".repeat(40) + "1",           // long, even if numerically fine
                "delay=1.5.5",
                "delay=.5",
                "delay=5.",
                "delay=%EF%BC%91",                         // fullwidth digit one
                "delay=true",
                "delay=[1]",
                "x=1&delay=&y=2"                           // empty among others
        );
    }
}
