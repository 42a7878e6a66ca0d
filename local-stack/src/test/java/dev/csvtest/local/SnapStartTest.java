package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.local.cli.LocalStackCommand;

/**
 * SnapStart as the stack emulates it: each execution environment runs its init, then the {@code beforeCheckpoint}
 * hooks it registered (org.crac's global context, its own), then its {@code afterRestore} hooks, before its first
 * invoke; each phase is timed in the log and in invoke's REPORT line. The fixture's hooks sleep 300 and 100 ms.
 */
class SnapStartTest {

    static final Path TEMPLATE = Path.of("src/test/resources/local/snapstart-template.yaml");
    private static final Pattern PHASES = Pattern.compile(
            "SnapStartFunction#(\\d+) init (\\d+) ms, beforeCheckpoint (\\d+) ms, afterRestore (\\d+) ms \\(1 CRaC resource\\)");

    private static final TimedLog log = new TimedLog();
    @RegisterExtension
    static final RunningStack local = RunningStack.serving(TEMPLATE, log);

    @Test
    void eachEnvironment_runsItsOwnHooks_afterInit_beforeItsFirstInvoke_eachPhaseTimed() {
        var a = local.http().getAsync("/snapstart?ms=500");
        var b = local.http().getAsync("/snapstart?ms=500");
        // Two environments at once, each with its own global context: neither ran the other's hook.
        assertThat(a.join().text()).isEqualTo("init,beforeCheckpoint,afterRestore,invoke snap-start");
        assertThat(b.join().text()).isEqualTo("init,beforeCheckpoint,afterRestore,invoke snap-start");

        var lines = log.containing("SnapStartFunction#").stream().filter(l -> l.text().startsWith("SnapStartFunction#")).toList();
        assertThat(lines).hasSize(2);
        for (var line : lines) {
            var phases = PHASES.matcher(line.text());
            assertThat(phases.matches()).as(line.text()).isTrue();
            // Lower bounds are the hooks' sleeps; the upper bounds only catch a phase run twice or waited on.
            assertThat(Long.parseLong(phases.group(3))).isBetween(300L, 300L + 5_000L);
            assertThat(Long.parseLong(phases.group(4))).isBetween(100L, 100L + 5_000L);
        }

        // A warm environment runs no hook again.
        assertThat(local.http().get("/snapstart").text()).endsWith(",invoke,invoke snap-start");
    }

    @Test
    void withoutSnapStart_theRegisteredHooksNeverRun_andTheInitialisationTypeIsOnDemand() {
        assertThat(local.http().get("/on-demand").text()).isEqualTo("init,invoke on-demand");
        assertThat(log.containing("OnDemandFunction#")).noneMatch(l -> l.text().contains("beforeCheckpoint"));
    }

    @Test
    void aHookThatThrows_failsTheEnvironmentsInit_withTheHooksException() {
        var reply = local.http().get("/failing-hook");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(log.await("FailingHookFunction init failed", 1, java.time.Duration.ofSeconds(10)).text())
                .contains("\"errorType\":\"java.lang.IllegalStateException\"", "priming failed on purpose");
    }

    @Test
    void invoke_reportsEachPhase() {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = LocalStackCommand.execute(new String[] {"invoke", "SnapStartFunction", "--template", TEMPLATE.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).containsPattern("REPORT SnapStartFunction SnapStartFunction#1 Duration: \\d+ ms"
                + " Init Duration: \\d+ ms beforeCheckpoint: \\d+ ms afterRestore: \\d+ ms \\(SnapStart, 1 CRaC resource\\)");
        assertThat(out.toString()).contains("init,beforeCheckpoint,afterRestore,invoke snap-start");
    }
}
