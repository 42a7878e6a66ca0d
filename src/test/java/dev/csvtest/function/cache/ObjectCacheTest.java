package dev.csvtest.function.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.csvtest.function.s3.CsvObject;

class ObjectCacheTest {

    private static final CsvObject OBJECT = new CsvObject("a,b\n", "\"e1\"", 4);

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void empty_isAMiss() {
        assertThat(new ObjectCache(clock(), Duration.ofSeconds(60), 100).lookup()).isInstanceOf(Lookup.Miss.class);
    }

    @Test
    void staleCopy_isRevalidatedByOneRequest_whileOthersServeTheCopy() {
        var cache = new ObjectCache(clock(), Duration.ofSeconds(60), 100);
        cache.stored(OBJECT);
        now = now.plusSeconds(61);

        assertThat(cache.lookup()).isEqualTo(new Lookup.Stale(OBJECT));
        assertThat(cache.lookup()).isEqualTo(new Lookup.Fresh(OBJECT));

        cache.confirmed();
        assertThat(cache.lookup()).isEqualTo(new Lookup.Fresh(OBJECT));
    }

    @Test
    void failedRevalidation_letsTheNextRequestTryAgain() {
        var cache = new ObjectCache(clock(), Duration.ofSeconds(60), 100);
        cache.stored(OBJECT);
        now = now.plusSeconds(61);
        cache.lookup();

        cache.revalidationFailed();

        assertThat(cache.lookup()).isEqualTo(new Lookup.Stale(OBJECT));
    }

    @Test
    void zeroInterval_everyRequestRevalidates_evenConcurrently() {
        var cache = new ObjectCache(clock(), Duration.ZERO, 100);
        cache.stored(OBJECT);

        assertThat(cache.lookup()).isInstanceOf(Lookup.Stale.class);
        assertThat(cache.lookup()).isInstanceOf(Lookup.Stale.class);
    }

    @Test
    void forcedRevalidation_ignoresTheInterval_once() {
        var cache = new ObjectCache(clock(), Duration.ofSeconds(60), 100);
        cache.stored(OBJECT);

        cache.forceRevalidation();
        assertThat(cache.lookup()).isInstanceOf(Lookup.Stale.class);
        cache.confirmed();
        assertThat(cache.lookup()).isInstanceOf(Lookup.Fresh.class);
    }

    @Test
    void objectOverMaxBytes_isNotKept_andReplacesNothing() {
        var cache = new ObjectCache(clock(), Duration.ofSeconds(60), 3);
        cache.stored(OBJECT);

        assertThat(cache.lookup()).isInstanceOf(Lookup.Miss.class);
    }
}
