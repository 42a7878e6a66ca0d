package dev.csvtest.local.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Calls a handler the way Lambda's Java runtime does: the event arrives as JSON bytes, is deserialized with Lambda's
 * own serializers into the handler's declared input type, and the returned object is serialized back to JSON.
 * Works for {@link RequestHandler} of any types, {@link RequestStreamHandler}, and plain {@code Class::method} handlers.
 */
final class HandlerAdapter {

    /** One bound handler call. */
    interface Call {
        Payload invoke(byte[] event, Context context) throws Throwable;
    }

    private HandlerAdapter() {
    }

    static Call bind(Object handler, String methodName) {
        if (handler instanceof RequestStreamHandler stream && methodName.equals("handleRequest")) {
            return (event, context) -> {
                var out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return new Payload.Json(out.toByteArray());
            };
        }
        if (handler instanceof RequestHandler<?, ?> && methodName.equals("handleRequest")) {
            Type[] types = requestHandlerTypes(handler.getClass());
            @SuppressWarnings("unchecked")
            var typed = (RequestHandler<Object, Object>) handler;
            var input = Serializers.of(types[0]).serializer;
            var output = declared(types[1]);
            var splice = new ProxyResponseSplice();
            return (event, context) ->
                    serialize(output, typed.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context), splice);
        }
        return reflective(handler, methodName);
    }

    private static Call reflective(Object handler, String methodName) {
        Method method = Arrays.stream(handler.getClass().getMethods())
                .filter(m -> m.getName().equals(methodName) && m.getParameterCount() >= 1 && m.getParameterCount() <= 3)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no public method " + methodName + " with 1 to 3 parameters in "
                        + handler.getClass().getName()));
        Class<?>[] params = method.getParameterTypes();
        if (params.length >= 2 && InputStream.class.isAssignableFrom(params[0]) && OutputStream.class.isAssignableFrom(params[1])) {
            return (event, context) -> {
                var out = new ByteArrayOutputStream();
                Object[] args = params.length == 3
                        ? new Object[] {new ByteArrayInputStream(event), out, context}
                        : new Object[] {new ByteArrayInputStream(event), out};
                call(method, handler, args);
                return new Payload.Json(out.toByteArray());
            };
        }
        var input = Serializers.of(method.getGenericParameterTypes()[0]).serializer;
        boolean returnsNothing = method.getReturnType() == void.class;
        var output = returnsNothing ? null : declared(method.getGenericReturnType());
        var splice = new ProxyResponseSplice();
        return (event, context) -> {
            Object in = input.fromJson(new ByteArrayInputStream(event));
            Object result = call(method, handler, params.length == 2 ? new Object[] {in, context} : new Object[] {in});
            return returnsNothing ? new Payload.Json(new byte[0]) : serialize(output, result, splice);
        };
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The serializer for a declared return class, bound with the handler; null for {@code Object} and for generic
     * types, where the result's own class decides at each call.
     */
    private static Serializers.Entry declared(Type type) {
        return type instanceof Class<?> c && c != Object.class ? Serializers.of(c) : null;
    }

    private static Payload serialize(Serializers.Entry declared, Object result, ProxyResponseSplice splice)
            throws ReflectiveOperationException {
        if (result == null) {
            return new Payload.Json("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var entry = declared != null ? declared : Serializers.of(result.getClass());
        if (ProxyResponseSplice.applies(result)) {
            var spliced = splice.splice(entry.serializer, result);
            if (spliced != null) {
                return spliced;
            }
        }
        // Sized from the previous response of this type (a 300 KB CSV for this function): the buffer does not grow
        // from 1 KB through ten copies for every response, and its array is returned as it is when it fits exactly.
        var out = new ResponseBuffer(Math.max(1024, entry.lastSize + 1024));
        entry.serializer.toJson(result, out);
        entry.lastSize = out.size();
        return new Payload.Json(out.bytes());
    }

    /** A {@link ByteArrayOutputStream} that hands over its array when it is exactly full instead of copying it. */
    private static final class ResponseBuffer extends ByteArrayOutputStream {
        ResponseBuffer(int capacity) {
            super(capacity);
        }

        byte[] bytes() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }

    /** The {@code <I, O>} of {@code RequestHandler<I, O>} as declared by the handler class or a superclass. */
    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type[] args = p.getActualTypeArguments();
                    return new Type[] {concrete(args[0]), concrete(args[1])};
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Type concrete(Type type) {
        return type instanceof Class<?> || type instanceof ParameterizedType ? type : Object.class;
    }
}
