package dev.csvtest.local.lambda;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;

import dev.csvtest.local.bytes.Bytes;

/**
 * Serializes an API Gateway proxy response with a large body without making Lambda's serializer escape the body: a
 * copy of the response with a marker for a body goes through the serializer, and the body itself is kept aside
 * ({@link Payload.Spliced}). The response the handler returned is not touched.
 */
final class ProxyResponseSplice {

    /** The response types of API Gateway's proxy integrations, whose {@code body} the gateway reads. */
    private static final Set<String> PROXY_RESPONSES = Set.of(
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse",
            "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent");
    /** Below this, escaping costs less than the copy and the reflection. */
    private static final int MINIMUM_BODY = 8 * 1024;
    static final String MARKER = "\u0001\u0002local-stack-body\u0003";
    /** The marker as the serializer writes it: control characters as {@code &#92;u00XX} escapes. */
    private static final byte[] MARKER_JSON = "\"\\u0001\\u0002local-stack-body\\u0003\"".getBytes(StandardCharsets.US_ASCII);

    /** Each response class's constructor, instance fields and {@code body} field, found once. */
    private static final ClassValue<Fields> FIELDS = new ClassValue<>() {
        @Override
        protected Fields computeValue(Class<?> type) {
            java.lang.reflect.Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                return new Fields(null, List.of(), null);
            }
            var fields = new ArrayList<Field>();
            Field body = null;
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                        if (f.getName().equals("body") && f.getType() == String.class) {
                            body = f;
                        }
                    }
                }
            }
            return new Fields(constructor, List.copyOf(fields), body);
        }
    };

    private record Fields(java.lang.reflect.Constructor<?> constructor, List<Field> all, Field body) {
    }

    /**
     * The last body this environment's handler returned, encoded. A handler that caches its payload returns the same
     * (immutable) string on every warm invocation, and encoding and scanning 300 KB again was most of what a warm
     * request cost the stack. One per environment: environments do not share their strings, and one invocation at a
     * time runs in each.
     */
    private EncodedBody last;

    private record EncodedBody(String body, byte[] utf8, int escapedLength) {
    }

    ProxyResponseSplice() {
    }

    static boolean applies(Object response) {
        return PROXY_RESPONSES.contains(response.getClass().getName());
    }

    /** The spliced payload, or null when the response is not worth it or not possible (then serialize it whole). */
    Payload.Spliced splice(PojoSerializer<Object> serializer, Object response) throws ReflectiveOperationException {
        var fields = FIELDS.get(response.getClass());
        if (fields.body() == null || fields.constructor() == null) {
            return null;
        }
        String body = (String) fields.body().get(response);
        if (body == null || body.length() < MINIMUM_BODY) {
            return null;
        }
        var encoded = encode(body);
        int escaped = encoded.escapedLength();
        if (escaped < 0) {
            return null;   // a lone surrogate: let the serializer fail as Lambda's would
        }
        Object copy = fields.constructor().newInstance();
        for (Field f : fields.all()) {
            f.set(copy, f == fields.body() ? MARKER : f.get(response));
        }
        var out = new ByteArrayOutputStream(1024);
        serializer.toJson(copy, out);
        byte[] skeleton = out.toByteArray();
        int at = Bytes.indexOf(skeleton, MARKER_JSON);
        if (at < 0) {
            return null;
        }
        return new Payload.Spliced(skeleton, at, MARKER_JSON.length, body, encoded.utf8(),
                skeleton.length - MARKER_JSON.length + escaped + 2);
    }

    private EncodedBody encode(String body) {
        if (last == null || last.body() != body) {
            byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
            last = new EncodedBody(body, utf8, JsonEscaping.length(body, utf8));
        }
        return last;
    }
}
