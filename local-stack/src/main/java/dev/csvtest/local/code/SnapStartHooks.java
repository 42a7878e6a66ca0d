package dev.csvtest.local.code;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * The local stack's handle on one function's CRaC implementation ({@link dev.csvtest.local.code.crac.Core}, defined
 * in the function's own class loader, hence reached by reflection): it opens a global context per execution
 * environment before init and runs that environment's hooks after it.
 */
public final class SnapStartHooks {

    /** The package {@code org.crac.Core} binds to when {@value #COMPAT_PROPERTY} names it. */
    static final String COMPAT_PACKAGE = "dev.csvtest.local.code.crac";
    /** Read by {@code org.crac.Core}'s static initialiser (through the function's sandbox). */
    static final String COMPAT_PROPERTY = "org.crac.Core.Compat";

    private final Method open;
    private final Method beforeCheckpoint;
    private final Method afterRestore;
    private final Method close;

    private SnapStartHooks(Class<?> core) throws NoSuchMethodException {
        this.open = core.getMethod("open", ClassLoader.class);
        this.beforeCheckpoint = core.getMethod("beforeCheckpoint", ClassLoader.class);
        this.afterRestore = core.getMethod("afterRestore", ClassLoader.class);
        this.close = core.getMethod("close", ClassLoader.class);
    }

    /** Defines the function's CRaC implementation in its libraries' loader and points {@code org.crac} at it. */
    static SnapStartHooks install(ClassLoader functionLoader, Class<?> sandbox, Consumer<String> warnings) {
        try {
            sandbox.getMethod("setProperty", String.class, String.class).invoke(null, COMPAT_PROPERTY, COMPAT_PACKAGE);
            Class<?> core = functionLoader.loadClass(COMPAT_PACKAGE + ".Core");
            core.getMethod("install", Consumer.class).invoke(null, warnings);
            return new SnapStartHooks(core);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set up SnapStart's CRaC hooks", e);
        }
    }

    /** Gives the environment its own global context; call before its init. */
    public void open(ClassLoader environment) {
        call(open, environment);
    }

    /**
     * Runs the environment's {@code beforeCheckpoint} hooks (last registered first).
     *
     * @return how many resources the environment registered
     * @throws Exception a {@code CheckpointException} with every hook's failure suppressed in it
     */
    public int beforeCheckpoint(ClassLoader environment) throws Exception {
        return (Integer) callThrowing(beforeCheckpoint, environment);
    }

    /** Runs the environment's {@code afterRestore} hooks (in registration order). */
    public void afterRestore(ClassLoader environment) throws Exception {
        callThrowing(afterRestore, environment);
    }

    /** Forgets a discarded environment's context. */
    public void close(ClassLoader environment) {
        call(close, environment);
    }

    private static void call(Method method, ClassLoader environment) {
        try {
            callThrowing(method, environment);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a hook threw, rather than the context's exception that collects them: the first hook's exception, the
     * others suppressed in it.
     */
    private static Exception hookFailure(Exception collected) {
        var hooks = collected.getSuppressed();
        if (!collected.getClass().getName().startsWith(COMPAT_PACKAGE + ".") || hooks.length == 0
                || !(hooks[0] instanceof Exception first)) {
            return collected;
        }
        for (int i = 1; i < hooks.length; i++) {
            first.addSuppressed(hooks[i]);
        }
        return first;
    }

    private static Object callThrowing(Method method, ClassLoader environment) throws Exception {
        try {
            return method.invoke(null, environment);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw hookFailure(cause);
            }
            throw (Error) e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
