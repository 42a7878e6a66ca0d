package dev.csvtest.local.code.crac;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * The function's side of CRaC. {@code org.crac.Core} binds once per function to {@link #getGlobalContext()}, but each
 * execution environment needs a global context of its own (on Lambda each environment is a JVM restored from the
 * snapshot). The global context handed out therefore routes every registration to the context of the environment
 * whose class loader is the registering thread's context class loader: the local stack sets it to the environment's
 * loader for its whole init, as Lambda's runtime sets it to the function's loader, and threads started during init
 * inherit it.
 *
 * <p>The methods below {@link #checkpointRestore()} are the local stack's, called by reflection
 * ({@code dev.csvtest.local.code.SnapStartHooks}).
 */
public final class Core {

    /** Environment class loader to its context; weak, so an environment's loader is never kept alive from here. */
    private static final Map<ClassLoader, EnvironmentContext> ENVIRONMENTS = new WeakHashMap<>();
    private static final Context<Resource> GLOBAL = new Context<>() {
        @Override
        public void register(Resource resource) {
            var context = current();
            if (context != null) {
                context.register(resource);
            } else {
                warnings.accept("a CRaC resource was registered outside an execution environment's init (thread "
                        + Thread.currentThread().getName() + "): its hooks will not run");
            }
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            throw new UnsupportedOperationException("the local stack notifies each environment's context itself");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            throw new UnsupportedOperationException("the local stack notifies each environment's context itself");
        }
    };
    private static volatile Consumer<String> warnings = System.err::println;

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** SnapStart takes the snapshot itself when a version is published; code cannot ask for one. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException("SnapStart takes the snapshot when a version is published;"
                + " the local stack runs the hooks when it creates an execution environment");
    }

    /** Called once by the local stack, right after it defines this class for a function. */
    public static void install(Consumer<String> warningSink) {
        warnings = warningSink;
    }

    /** Starts collecting the registrations of the environment whose threads run with this context class loader. */
    public static void open(ClassLoader environment) {
        synchronized (ENVIRONMENTS) {
            ENVIRONMENTS.put(environment, new EnvironmentContext());
        }
    }

    /** Runs the environment's beforeCheckpoint hooks; returns how many resources it has. */
    public static int beforeCheckpoint(ClassLoader environment) throws CheckpointException {
        var context = contextOf(environment);
        context.beforeCheckpoint(null);
        return context.size();
    }

    public static void afterRestore(ClassLoader environment) throws RestoreException {
        contextOf(environment).afterRestore(null);
    }

    /** Forgets a discarded environment. */
    public static void close(ClassLoader environment) {
        synchronized (ENVIRONMENTS) {
            ENVIRONMENTS.remove(environment);
        }
    }

    private static EnvironmentContext contextOf(ClassLoader environment) {
        synchronized (ENVIRONMENTS) {
            var context = ENVIRONMENTS.get(environment);
            if (context == null) {
                throw new IllegalStateException("no CRaC context for " + environment);
            }
            return context;
        }
    }

    /** The context of the calling thread's environment: its context class loader's, or one of that loader's parents'. */
    private static EnvironmentContext current() {
        synchronized (ENVIRONMENTS) {
            for (var loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
                var context = ENVIRONMENTS.get(loader);
                if (context != null) {
                    return context;
                }
            }
            return null;
        }
    }
}
