package dev.csvtest.local.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.stream.Collectors;

import dev.csvtest.local.code.sandbox.FunctionSandbox;

/**
 * A class loader over some of a function's code roots, child-first as Lambda's own customer class loader behaves in
 * practice: the function's classes win over anything but the JDK and Lambda's runtime interfaces, which always come
 * from the parent ({@link RuntimeApiLoader}). Two layers use it:
 *
 * <ul>
 *   <li>the function's <b>libraries</b> (its jars): one loader per function, shared by its environments;
 *   <li>the function's <b>own code</b> (its classes folder, or its one jar): one loader per execution environment,
 *       so each environment has its own copies of the function's classes and their static state.
 * </ul>
 *
 * Class bytes pass through the {@link SandboxRewriter} and are cached per function by the caller's {@code bytes}
 * function, so the second environment defines its classes without reading or rewriting anything.
 */
final class FunctionClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Packages of the JDK's modules: always the parent's, as Lambda's runtime loads them before the function's. */
    private static final Set<String> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
            .flatMap(m -> m.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

    /**
     * The local stack's own packages that each function gets a private copy of, defined by its libraries' loader: the
     * {@link FunctionSandbox}, and the CRaC implementation {@code org.crac} binds to under SnapStart.
     */
    static final List<String> PER_FUNCTION_PACKAGES = List.of(
            FunctionSandbox.class.getPackageName() + ".", SnapStartHooks.COMPAT_PACKAGE + ".");

    private final List<CodeRoot> roots;
    private final Function<String, byte[]> bytes;
    private final boolean definesStackPackages;
    private final Map<CodeRoot, ProtectionDomain> domains = new HashMap<>();

    /**
     * @param bytes          the (rewritten) class file of a class these roots hold, by class name
     * @param definesStackPackages whether this loader defines the function's own copy of the
     *                             {@link #PER_FUNCTION_PACKAGES} (the libraries layer does; environments see them
     *                             through their parent)
     */
    FunctionClassLoader(String name, List<CodeRoot> roots, ClassLoader parent, Function<String, byte[]> bytes,
                        boolean definesStackPackages) {
        super(name, parent);
        this.roots = List.copyOf(roots);
        this.bytes = bytes;
        this.definesStackPackages = definesStackPackages;
        for (var root : this.roots) {
            domains.put(root, new ProtectionDomain(new CodeSource(root.location(), (Certificate[]) null), null, this, null));
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isRuntimeOwned(name)) {
            return getParent().loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findOwn(name);
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

    private static boolean isRuntimeOwned(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && JDK_PACKAGES.contains(className.substring(0, dot)) || RuntimeApiLoader.isRuntimeApi(className);
    }

    private Class<?> findOwn(String name) {
        if (definesStackPackages && PER_FUNCTION_PACKAGES.stream().anyMatch(name::startsWith)) {
            byte[] code = stackClass(name);
            return defineClass(name, code, 0, code.length);
        }
        CodeRoot root = rootOf(entryOf(name));
        if (root == null) {
            return null;
        }
        definePackageOf(name, root);
        byte[] code = bytes.apply(name);
        return defineClass(name, code, 0, code.length, domains.get(root));
    }

    /** The first root that holds an entry, or null. */
    CodeRoot rootOf(String entry) {
        for (var root : roots) {
            if (root.contains(entry)) {
                return root;
            }
        }
        return null;
    }

    static String entryOf(String className) {
        return className.replace('.', '/') + ".class";
    }

    private void definePackageOf(String className, CodeRoot root) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) != null) {
            return;
        }
        var manifest = root.manifest();
        var main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        try {
            definePackage(pkg, main.getValue(Attributes.Name.SPECIFICATION_TITLE),
                    main.getValue(Attributes.Name.SPECIFICATION_VERSION), main.getValue(Attributes.Name.SPECIFICATION_VENDOR),
                    main.getValue(Attributes.Name.IMPLEMENTATION_TITLE), main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                    main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR), null);
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined it first: the same package, nothing to do
        }
    }

    /** A class file of the local stack's own class path, defined afresh in each function. */
    private static byte[] stackClass(String name) {
        try (InputStream in = FunctionSandbox.class.getClassLoader().getResourceAsStream(entryOf(name))) {
            if (in == null) {
                throw new IllegalStateException("the local stack's " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URL getResource(String name) {
        var root = rootOf(name);
        return root != null ? root.url(name) : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        var all = new ArrayList<URL>();
        for (var root : roots) {
            if (root.contains(name)) {
                all.add(root.url(name));
            }
        }
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    protected URL findResource(String name) {
        var root = rootOf(name);
        return root == null ? null : root.url(name);
    }
}
