package dev.csvtest.local.lambda;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * One execution environment's class loader: the function's own classes (its code root, e.g. {@code target/classes})
 * are loaded child-first, so every environment has its own copies and therefore its own static state, as each Lambda
 * environment is its own JVM. Everything else (the JDK, the AWS SDK, Lambda's libraries) comes once from the shared
 * parent, which keeps an environment cheap.
 */
final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String emulatorPackage;
    private final String handlerPackage;

    /**
     * @param emulatorPackage classes under this package are the emulator's, never the function's (they may share a
     *                        code root when the handler is a test fixture), unless they are in the handler's own package
     */
    FunctionClassLoader(String name, URL codeRoot, ClassLoader parent, String emulatorPackage, String handlerPackage) {
        super(name, new URL[] {codeRoot}, parent);
        this.emulatorPackage = emulatorPackage + ".";
        this.handlerPackage = handlerPackage + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && isFunctionClass(name)) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notInCodeRoot) {
                    // a dependency: from the shared parent
                }
            }
            if (c == null) {
                c = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    private boolean isFunctionClass(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.amazonaws.services.lambda.runtime.")) {
            return false;
        }
        return !name.startsWith(emulatorPackage) || name.startsWith(handlerPackage);
    }
}
