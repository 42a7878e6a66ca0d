package dev.csvtest.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One function's loaded code, one generation of it (hot reload opens a new one for each build): its libraries' class
 * loader (shared by its execution environments, holding the function's own
 * {@link dev.csvtest.local.code.sandbox.FunctionSandbox} with its environment variables), and a factory of
 * per-environment loaders for its own classes (and, under {@link Isolation#ENVIRONMENT}, its libraries' too), whose
 * (rewritten) class files are cached here after the first environment read them.
 */
public final class FunctionCode implements AutoCloseable {

    /** Lambda's runtime interfaces and the JDK, the same for every function. */
    private static final ClassLoader RUNTIME = new RuntimeApiLoader(FunctionCode.class.getClassLoader());

    private final String functionId;
    private final CodeLocation location;
    private final List<CodeRoot> code;
    private final List<CodeRoot> libraries;
    /** What each environment's loader defines itself: the function's code, and its libraries under ENVIRONMENT. */
    private final List<CodeRoot> perEnvironment;
    private final FunctionClassLoader libraryLoader;
    private final Isolation isolation;
    private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();
    private final CodeFingerprint fingerprint;
    /** Every loader of this generation, weakly: what a leak check looks for after the generation is retired. */
    private final Set<WeakReference<ClassLoader>> loaders = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
    private SnapStartHooks snapStart;

    private FunctionCode(String functionId, CodeLocation location, List<CodeRoot> code, List<CodeRoot> libraries,
                         Isolation isolation) {
        this.functionId = functionId;
        this.location = location;
        this.code = code;
        this.libraries = libraries;
        this.isolation = isolation;
        var shared = isolation == Isolation.FUNCTION ? libraries : List.<CodeRoot>of();
        this.perEnvironment = isolation == Isolation.FUNCTION ? code
                : Stream.concat(code.stream(), libraries.stream()).toList();
        this.libraryLoader = new FunctionClassLoader(functionId + "-libraries", shared, RUNTIME,
                name -> rewrittenFrom(shared, name), true);
        this.loaders.add(new WeakReference<>(libraryLoader, collected));
        this.fingerprint = CodeFingerprint.of(Stream.concat(code.stream(), libraries.stream()).toList());
    }

    /**
     * Opens the function's code and gives it its environment.
     *
     * @param environment what {@code System.getenv} returns in the function's code
     * @param warnings    where the sandbox reports what it did not apply ({@code TimeZone.setDefault}, ...)
     * @param snapStart   whether the function has SnapStart: {@code org.crac} then binds to the stack's CRaC
     *                    implementation, whose hooks {@link #snapStart()} runs
     * @throws CodeNotFoundException when no root holds the handler class (the message names every place looked)
     */
    public static FunctionCode open(String functionId, CodeLocation location, String handlerClass, Isolation isolation,
                                    Map<String, String> environment, Consumer<String> warnings, boolean snapStart) {
        var code = location.code().stream().map(CodeRoot::open).toList();
        var libraries = location.libraries().stream().map(CodeRoot::open).toList();
        var function = new FunctionCode(functionId, location, code, libraries, isolation);
        String entry = FunctionClassLoader.entryOf(handlerClass);
        if (Stream.concat(code.stream(), libraries.stream()).noneMatch(root -> root.contains(entry))) {
            function.close();
            throw new CodeNotFoundException(functionId + ": handler class " + handlerClass + " not found. Looked in "
                    + Stream.concat(code.stream(), libraries.stream()).map(r -> r.path().toString()).toList()
                    + " (" + location.description() + "). Is the Handler spelled right, and the code built?");
        }
        var sandbox = function.installSandbox(environment, warnings);
        if (snapStart) {
            function.snapStart = SnapStartHooks.install(function.libraryLoader, sandbox, warnings);
        }
        return function;
    }

    private Class<?> installSandbox(Map<String, String> environment, Consumer<String> warnings) {
        try {
            var sandbox = libraryLoader.loadClass(SandboxRewriter.SANDBOX.replace('/', '.'));
            sandbox.getMethod("install", Map.class, Consumer.class).invoke(null, environment, warnings);
            return sandbox;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("cannot set up the sandbox of " + functionId, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot set up the sandbox of " + functionId, e.getCause());
        }
    }

    /** A new class loader for one execution environment: fresh copies of the function's own classes. */
    public ClassLoader newEnvironmentLoader(String environmentId) {
        var loader = new FunctionClassLoader("env-" + environmentId, perEnvironment, libraryLoader,
                name -> classFiles.computeIfAbsent(name, n -> rewrittenFrom(perEnvironment, n)), false);
        loaders.add(new WeakReference<>(loader, collected));
        for (Reference<?> gone; (gone = collected.poll()) != null; ) {
            loaders.remove(gone);
        }
        return loader;
    }

    public Isolation isolation() {
        return isolation;
    }

    public CodeLocation location() {
        return location;
    }

    /** The content of this generation, entry by entry, as it was when it was opened. */
    public CodeFingerprint fingerprint() {
        return fingerprint;
    }

    /** The function's SnapStart hooks, when it has SnapStart. */
    public Optional<SnapStartHooks> snapStart() {
        return Optional.ofNullable(snapStart);
    }

    /**
     * Every class loader this generation has created (its libraries' and each environment's), weakly referenced:
     * once the generation is retired and its environments are gone, all of them should be collectable.
     */
    public List<WeakReference<ClassLoader>> loaders() {
        return List.copyOf(loaders);
    }

    private static byte[] rewrittenFrom(List<CodeRoot> roots, String className) {
        String entry = FunctionClassLoader.entryOf(className);
        for (var root : roots) {
            if (root.contains(entry)) {
                try {
                    return SandboxRewriter.rewrite(root.read(entry));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry + " from " + root.path(), e);
                }
            }
        }
        throw new IllegalStateException(entry + " vanished from " + roots);
    }

    /** Closes the jars. Classes already defined stay usable; environments should be retired first. */
    @Override
    public void close() {
        code.forEach(CodeRoot::close);
        libraries.forEach(CodeRoot::close);
    }
}
