package versions;

import java.net.URL;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.lang3.StringUtils;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Reports which commons-lang3 this function really runs with. Function A and function B have a handler
 * of the same name (versions.App) and depend on different versions of the library; each must see its
 * own, even when something runs both in one JVM.
 *
 * <p>Event and response are plain Maps: the runtime's own JSON mapping turns the HTTP API event into a
 * Map and this Map into the payload-2.0 response.
 *
 * <p>Both functions build this one source file ({@code FunctionB/src/main/java/versions/App.java} is a symbolic link
 * to it); what tells them apart is each function's own {@link Build}.
 */
public class App implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Class<?> library = StringUtils.class;
        // Implementation-Version from the manifest of the jar the library class was loaded from.
        String loaded = library.getPackage().getImplementationVersion();
        String expected = System.getenv("EXPECTED_LANG3_VERSION");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("function", Build.FUNCTION);
        body.put("commonsLang3Version", loaded);
        body.put("expectedVersion", expected);
        body.put("versionMatches", loaded != null && loaded.equals(expected));
        // A class that exists from commons-lang3 3.13.0 on: absent in A's library, present in B's.
        body.put("hasSystemProperties", exists("org.apache.commons.lang3.SystemProperties", library.getClassLoader()));
        body.put("libraryJar", jarName(library));
        body.put("libraryClassLoader", identity(library.getClassLoader()));
        body.put("handlerClassLoader", identity(App.class.getClassLoader()));
        body.put("sameClassLoader", library.getClassLoader() == App.class.getClassLoader());

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("Content-Type", "application/json"));
        response.put("body", toJson(body));
        return response;
    }

    private static boolean exists(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String jarName(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return null;
        }
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }

    /** Class name and identity hash: two loaders are the same object only if both match. */
    private static String identity(ClassLoader loader) {
        return loader == null
                ? "bootstrap"
                : loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }

    /** Flat JSON object of strings, booleans and nulls, which is all this response holds. */
    private static String toJson(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v == null || v instanceof Boolean) {
                out.append(v);
            } else {
                out.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return out.append('}').toString();
    }
}
