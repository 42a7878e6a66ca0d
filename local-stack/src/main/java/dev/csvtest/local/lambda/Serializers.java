package dev.csvtest.local.lambda;

import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Map;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.DeserializationContext;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.deser.DeserializerCache;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

/**
 * Lambda's own serializers for the types handlers take and return, built as Lambda's Java runtime builds them, and
 * cached without keeping any function's classes alive: one JVM here hosts many functions, each environment with its
 * own copies of the function's classes, and every build under hot reload brings new copies of all of them.
 *
 * <ul>
 *   <li>A serializer for a class is kept <em>with that class</em> ({@link ClassValue}): it is built once per class,
 *       shared by every environment that sees that class, and collected with it.
 *   <li>A parameterized type ({@code Map<String, Object>}) has no one class to keep it with: its serializer lives with
 *       the environment that bound it.
 *   <li>Types that are not Lambda events get a private copy of Lambda's Jackson mapper (same settings), so its caches
 *       die with the serializer. Lambda's event serializers use the library's global mapper, whose caches name the
 *       classes they saw: {@link #flushSharedCaches()} empties them when a generation of code is retired.
 * </ul>
 */
final class Serializers {

    /** One type's serializer, and the serialized size of its last response (the next response buffer's size). */
    static final class Entry {
        final PojoSerializer<Object> serializer;
        volatile int lastSize;

        private Entry(PojoSerializer<Object> serializer) {
            this.serializer = serializer;
        }
    }

    private static final ClassValue<Entry> BY_CLASS = new ClassValue<>() {
        @Override
        protected Entry computeValue(Class<?> type) {
            return new Entry(build(type));
        }
    };

    private Serializers() {
    }

    /** The serializer of a type: shared if the type is a class, a new one (hold on to it) if it is parameterized. */
    static Entry of(Type type) {
        return type instanceof Class<?> c ? BY_CLASS.get(c) : new Entry(build(type));
    }

    private static PojoSerializer<Object> build(Type type) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            @SuppressWarnings("unchecked")
            var events = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, c.getClassLoader());
            return events;
        }
        var global = JacksonFactory.getInstance();
        return global.withNamingStrategy(global.getMapper().getPropertyNamingStrategy()).getSerializer(type);
    }

    /**
     * Empties the caches of the serialization library's global mapper (types, serializers, deserializers, root
     * deserializers), which Lambda's event serializers share and which would otherwise keep the classes of retired
     * code alive. They are caches only: they fill again on the next invocation.
     */
    static void flushSharedCaches() {
        ObjectMapper mapper = JacksonFactory.getInstance().getMapper();
        mapper.getTypeFactory().clearCache();
        if (mapper.getSerializerProvider() instanceof DefaultSerializerProvider provider) {
            provider.flushCachedSerializers();
        }
        var rootDeserializers = read(ObjectMapper.class, "_rootDeserializers", mapper);
        if (rootDeserializers instanceof Map<?, ?> map) {
            map.clear();
        }
        if (read(DeserializationContext.class, "_cache", mapper.getDeserializationContext())
                instanceof DeserializerCache cache) {
            cache.flushCachedDeserializers();
        }
    }

    /** A protected field of the shaded Jackson, or null if this version has no such field. */
    private static Object read(Class<?> owner, String field, Object target) {
        try {
            Field f = owner.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
