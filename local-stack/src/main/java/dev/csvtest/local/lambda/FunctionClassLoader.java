package dev.csvtest.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution environment's class loader: the function's own classes (its code root, e.g. {@code target/classes})
 * are loaded child-first, so every environment has its own copies and therefore its own static state, as each Lambda
 * environment is its own JVM. Everything else (the JDK, the AWS SDK, Lambda's libraries) comes once from the shared
 * parent, which keeps an environment cheap.
 *
 * <p>Which classes are the function's own is looked up in the code root's index, not by probing the file system (a
 * miss would cost an exception per SDK class). The parent's resources are looked up once and cached: the SDK reads
 * the same classpath resources (interceptor lists, ...) for every client each environment builds.
 */
final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Map<String, Optional<URL>> PARENT_RESOURCE = new ConcurrentHashMap<>();
    private static final Map<String, List<URL>> PARENT_RESOURCES = new ConcurrentHashMap<>();

    private final CodeRoot code;
    private final String emulatorPackage;
    private final String handlerPackage;

    /**
     * @param emulatorPackage classes under this package are the emulator's, never the function's (they may share a
     *                        code root when the handler is a test fixture), unless they are in the handler's own package
     */
    FunctionClassLoader(String name, CodeRoot code, ClassLoader parent, String emulatorPackage, String handlerPackage) {
        super(name, new URL[] {code.url()}, parent);
        this.code = code;
        this.emulatorPackage = emulatorPackage + ".";
        this.handlerPackage = handlerPackage + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isFunctionClass(name)) {
            return getParent().loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
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
        if (own != null) {
            return own;
        }
        return PARENT_RESOURCE.computeIfAbsent(name, n -> Optional.ofNullable(getParent().getResource(n))).orElse(null);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        var all = new ArrayList<URL>(Collections.list(findResources(name)));
        all.addAll(PARENT_RESOURCES.computeIfAbsent(name, n -> {
            try {
                return List.copyOf(Collections.list(getParent().getResources(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return Collections.enumeration(all);
    }

    private boolean isFunctionClass(String name) {
        return code.contains(name) && (!name.startsWith(emulatorPackage) || name.startsWith(handlerPackage));
    }
}
