package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.testkit.LogCapture;

/**
 * What would reach every function in one JVM stays inside the function that did it: its environment variables,
 * System.exit (ends only its execution environment, as the runtime process dies on Lambda), system properties, and
 * the default time zone (not applied at all).
 */
class SandboxTest {

    private static final LogCapture log = new LogCapture();
    @RegisterExtension
    static final RunningStack local = RunningStack.serving(LocalStackApiTest.FIXTURES, log);

    private static String[] call(String function, String query) {
        var reply = local.http().get("/hazard/" + function + "?" + query);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.text().split(" ", 2);
    }

    @Test
    void systemGetenv_returnsEachFunctionsOwnTemplateVariables_andLambdasReservedOnes() {
        assertThat(call("a", "do=env&name=WHO")[1]).isEqualTo("a");
        assertThat(call("b", "do=env&name=WHO")[1]).isEqualTo("b");
        assertThat(call("a", "do=env&name=AWS_LAMBDA_FUNCTION_NAME")[1]).isEqualTo("local-HazardAFunction");
        assertThat(call("a", "do=env&name=AWS_SAM_LOCAL")[1]).isEqualTo("true");
        assertThat(call("a", "do=envmap&name=WHO")[1]).isEqualTo("true");
        // The stack's own environment does not leak in.
        assertThat(call("a", "do=env&name=JAVA_HOME")[1]).isEqualTo("null");
    }

    @Test
    void systemExit_endsOnlyThatEnvironment_asA500_andTheNextRequestGetsANewOne() {
        String before = call("a", "do=nothing")[0];
        var exited = local.http().get("/hazard/a?do=exit");
        assertThat(exited.status()).isEqualTo(500);
        assertThat(exited.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(log.lines()).anyMatch(l -> l.contains("Runtime.ExitError") && l.contains("exit status 3"));
        String after = call("a", "do=nothing")[0];
        assertThat(after).isNotEqualTo(before);
        assertThat(local.http().get("/hazard/a?do=halt").status()).isEqualTo(500);
        assertThat(call("b", "do=nothing")[1]).isEqualTo("nothing");   // the stack, and the other function, live on
    }

    @Test
    void systemProperties_setByOneFunction_areNotSeenByAnother_norByTheJvm() {
        assertThat(call("a", "do=setprop&k=csvtest.sandbox&v=from-a")[1]).isEqualTo("null");
        assertThat(call("a", "do=getprop&k=csvtest.sandbox")[1]).isEqualTo("from-a");
        assertThat(call("b", "do=getprop&k=csvtest.sandbox")[1]).isEqualTo("null");
        assertThat(System.getProperty("csvtest.sandbox")).isNull();
        assertThat(call("b", "do=getprop&k=java.version")[1]).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void timeZoneSetDefault_isNotApplied_andSaysSo() {
        String zone = TimeZone.getDefault().getID();
        call("a", "do=timezone&id=Asia/Tokyo");
        assertThat(TimeZone.getDefault().getID()).isEqualTo(zone);
        assertThat(log.lines()).anyMatch(l -> l.contains("HazardAFunction") && l.contains("TimeZone.setDefault(Asia/Tokyo) not applied"));
    }
}
