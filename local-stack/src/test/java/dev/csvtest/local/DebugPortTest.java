package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.EventRequest;

import dev.csvtest.local.cli.LocalStackCommand;
import dev.csvtest.testkit.HttpProbe;

/**
 * {@code start-api -d PORT} as a developer uses it: the command starts, a debugger (a JDI client here, as IntelliJ
 * and VS Code are) attaches once, sets a breakpoint in a handler method by class name, and two requests served by two
 * execution environments (two copies of the class, in two class loaders) both stop there.
 */
class DebugPortTest {

    private static final String HANDLER = "dev.csvtest.local.fixtures.StaticStateHandler";

    @Test
    void oneAttach_aBreakpointInAHandler_isHitInTwoEnvironments() throws Exception {
        int debugPort;
        try (var socket = new ServerSocket(0)) {
            debugPort = socket.getLocalPort();
        }
        var parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStackCommand.class.getName(), "start-api",
                "-d", Integer.toString(debugPort), "--port", "0", "--no-reload", "-q",
                "--template", LocalStackApiTest.FIXTURES.toString())
                .redirectErrorStream(true).start();
        var output = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("debug-run> " + line);
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        try {
            assertThat(awaitLine(output, "Debugging: ")).contains("waits for a debugger on 127.0.0.1:" + debugPort);
            awaitLine(output, "Listening for transport dt_socket at address: " + debugPort);
            VirtualMachine vm = attach(debugPort);
            var prepare = vm.eventRequestManager().createClassPrepareRequest();
            prepare.addClassFilter(HANDLER);
            prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            prepare.enable();
            vm.resume();

            String url = awaitLine(output, LocalStack.READY).substring(LocalStack.READY.length());
            try (var http = new HttpProbe(url)) {
                var first = http.getAsync("/state");
                var hit1 = nextBreakpoint(vm);
                // The first request is held at the breakpoint: the second needs an environment of its own.
                var second = http.getAsync("/state");
                var hit2 = nextBreakpoint(vm);
                var loader1 = hit1.event().location().declaringType().classLoader();
                var loader2 = hit2.event().location().declaringType().classLoader();
                assertThat(loader1).isNotEqualTo(loader2);
                assertThat(hit1.event().location().method().name()).isEqualTo("handleRequest");
                hit1.events().resume();
                hit2.events().resume();
                assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(first.join().text()).isNotEqualTo(second.join().text());
            }
            vm.dispose();
        } finally {
            var child = parent.toHandle().children().findFirst();
            parent.destroy();
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).as("the command ends when stopped").isTrue();
            if (child.isPresent()) {
                child.get().onExit().get(60, TimeUnit.SECONDS);
                assertThat(child.get().isAlive()).as("the debugged JVM is stopped with it").isFalse();
            }
        }
    }

    private record Hit(BreakpointEvent event, EventSet events) {
    }

    /** The next breakpoint hit; each time the handler class is prepared (once per environment), a breakpoint in it. */
    private static Hit nextBreakpoint(VirtualMachine vm) throws InterruptedException {
        while (true) {
            EventSet events = vm.eventQueue().remove(60_000);
            assertThat(events).as("a JDI event within 60 s").isNotNull();
            BreakpointEvent hit = null;
            for (var event : events) {
                if (event instanceof ClassPrepareEvent prepared) {
                    breakInHandleRequest(vm, prepared.referenceType());
                } else if (event instanceof BreakpointEvent breakpoint) {
                    hit = breakpoint;
                }
            }
            if (hit != null) {
                return new Hit(hit, events);
            }
            events.resume();
        }
    }

    private static void breakInHandleRequest(VirtualMachine vm, ReferenceType type) {
        var method = type.methodsByName("handleRequest").stream().filter(m -> !m.isBridge()).findFirst().orElseThrow();
        var breakpoint = vm.eventRequestManager().createBreakpointRequest(method.location());
        breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        breakpoint.enable();
    }

    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        var arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        arguments.get("timeout").setValue("30000");
        return socket.attach(arguments);
    }

    private static String awaitLine(BlockingQueue<String> output, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(start)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' within 120 s");
    }
}
