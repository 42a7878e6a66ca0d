package dev.csvtest.local.code.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a function's code calls instead of the process-wide {@code System} and {@code Runtime} methods that would
 * reach every other function in this one JVM. The local stack rewrites those calls in the function's classes (and its
 * libraries') while loading them, and defines a private copy of this class in each function's class loader, so its
 * static state is that function's alone:
 *
 * <ul>
 *   <li>{@code System.getenv}: the function's own environment (template variables, Lambda's reserved ones);
 *   <li>{@code System.exit}, {@code Runtime.exit/halt}: end the execution environment, not the JVM, as on Lambda,
 *       where the runtime process dies and the next request gets a new environment;
 *   <li>{@code System.setProperty/getProperty/clearProperty}: a per-function layer over the JVM's properties;
 *   <li>{@code TimeZone.setDefault}, {@code Locale.setDefault}: not applied (they would change every function's and
 *       the stack's clocks and formats); a warning says so once.
 * </ul>
 *
 * <p>It may use JDK classes only: nothing else is visible where it is defined.
 */
public final class FunctionSandbox {

    private static volatile Map<String, String> environment = Map.of();
    private static volatile Consumer<String> warnings = System.err::println;
    private static final Properties OWN_PROPERTIES = new Properties();
    /** Keys the function cleared: they hide the JVM's value. */
    private static final Map<String, Boolean> CLEARED = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> WARNED = new ConcurrentHashMap<>();

    private FunctionSandbox() {
    }

    /** Called once by the local stack, right after it defines this class for a function. */
    public static void install(Map<String, String> variables, Consumer<String> warningSink) {
        environment = Map.copyOf(variables);
        warnings = warningSink;
    }

    public static String getenv(String name) {
        return environment.get(name);   // a null name throws, as System.getenv(null) does
    }

    public static Map<String, String> getenv() {
        return environment;
    }

    public static void exit(int status) {
        throw new Exit(status);
    }

    public static void exit(Runtime ignored, int status) {
        throw new Exit(status);
    }

    public static void halt(Runtime ignored, int status) {
        throw new Exit(status);
    }

    public static String getProperty(String key) {
        String own = OWN_PROPERTIES.getProperty(key);
        if (own != null || CLEARED.containsKey(key)) {
            return own;
        }
        return System.getProperty(key);
    }

    public static String getProperty(String key, String fallback) {
        String value = getProperty(key);
        return value != null ? value : fallback;
    }

    public static String setProperty(String key, String value) {
        String previous = getProperty(key);
        OWN_PROPERTIES.setProperty(key, value);
        CLEARED.remove(key);
        return previous;
    }

    public static String clearProperty(String key) {
        String previous = getProperty(key);
        OWN_PROPERTIES.remove(key);
        CLEARED.put(key, Boolean.TRUE);
        return previous;
    }

    public static void setDefault(TimeZone zone) {
        warnOnce("TimeZone.setDefault(" + (zone == null ? null : zone.getID()) + ") not applied: it would change the"
                + " time zone of every function in the local stack (Lambda runs in UTC)");
    }

    public static void setDefault(Locale locale) {
        warnOnce("Locale.setDefault(" + locale + ") not applied: it would change every function in the local stack");
    }

    public static void setDefault(Locale.Category category, Locale locale) {
        setDefault(locale);
    }

    private static void warnOnce(String message) {
        if (WARNED.putIfAbsent(message, Boolean.TRUE) == null) {
            warnings.accept(message);
        }
    }

    /**
     * Thrown where the function called {@code System.exit}: an {@link Error}, so that ordinary {@code catch
     * (Exception e)} blocks let it through to the local stack, which fails the invocation and discards the environment.
     */
    public static final class Exit extends Error {
        private static final long serialVersionUID = 1L;

        private final int status;

        public Exit(int status) {
            super("Runtime exited with error: exit status " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
