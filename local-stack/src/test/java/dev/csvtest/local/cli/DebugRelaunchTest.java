package dev.csvtest.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The child JVM gets the same command line without the debugger options, plus JDWP. */
class DebugRelaunchTest {

    @Test
    void theChildsArguments_areTheSameWithoutTheDebuggerOptions() {
        assertThat(DebugRelaunch.withoutDebugOptions(List.of("start-api", "-d", "5005", "--port", "3000")))
                .containsExactly("start-api", "--port", "3000");
        assertThat(DebugRelaunch.withoutDebugOptions(List.of("invoke", "Fn", "--debug-port=5005", "-e", "-",
                "--debug-host", "*"))).containsExactly("invoke", "Fn", "-e", "-");
        assertThat(DebugRelaunch.withoutDebugOptions(List.of("start-api", "-d5005", "-q"))).containsExactly("start-api", "-q");
    }

    @Test
    void theChild_runsThisJava_withJdwpSuspended_andTheSameMainClass() {
        var command = DebugRelaunch.command(List.of("start-api", "-d", "5005"), "127.0.0.1", 5005);
        assertThat(command.getFirst()).endsWith("java");
        assertThat(command).contains("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:5005");
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly(LocalStackCommand.class.getName(), "start-api");
    }
}
