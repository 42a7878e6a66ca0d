package dev.csvtest.local.code;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.csvtest.local.bytes.Bytes;
import dev.csvtest.local.code.sandbox.FunctionSandbox;

/**
 * Rewrites, in a function's class files, the calls that would reach the whole JVM ({@code System.getenv},
 * {@code System.exit}, {@code Runtime.exit/halt}, {@code System.get/set/clearProperty}, {@code TimeZone.setDefault},
 * {@code Locale.setDefault}) into calls to the function's own {@link FunctionSandbox}. Method references
 * ({@code System::getenv}) are rewritten too. The sandbox's methods carry the names of the calls they replace.
 *
 * <p>Most classes call none of them: a scan of the class file's bytes for the method names skips those without
 * parsing them, and the result is cached per function, so environments after the first pay nothing.
 */
final class SandboxRewriter {

    static final String SANDBOX = FunctionSandbox.class.getName().replace('.', '/');

    /** owner.name+descriptor of a call to replace, with its static replacement's descriptor in the sandbox. */
    private static final Map<String, String> STATIC_CALLS = Map.ofEntries(
            Map.entry("java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;", "(Ljava/lang/String;)Ljava/lang/String;"),
            Map.entry("java/lang/System.getenv()Ljava/util/Map;", "()Ljava/util/Map;"),
            Map.entry("java/lang/System.exit(I)V", "(I)V"),
            Map.entry("java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;", "(Ljava/lang/String;)Ljava/lang/String;"),
            Map.entry("java/lang/System.getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                    "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"),
            Map.entry("java/lang/System.setProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                    "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"),
            Map.entry("java/lang/System.clearProperty(Ljava/lang/String;)Ljava/lang/String;", "(Ljava/lang/String;)Ljava/lang/String;"),
            Map.entry("java/util/TimeZone.setDefault(Ljava/util/TimeZone;)V", "(Ljava/util/TimeZone;)V"),
            Map.entry("java/util/Locale.setDefault(Ljava/util/Locale;)V", "(Ljava/util/Locale;)V"),
            Map.entry("java/util/Locale.setDefault(Ljava/util/Locale$Category;Ljava/util/Locale;)V",
                    "(Ljava/util/Locale$Category;Ljava/util/Locale;)V"));

    /** Instance calls on {@code Runtime}: the receiver becomes the first argument of the static replacement. */
    private static final Map<String, String> RUNTIME_CALLS = Map.of(
            "java/lang/Runtime.exit(I)V", "(Ljava/lang/Runtime;I)V",
            "java/lang/Runtime.halt(I)V", "(Ljava/lang/Runtime;I)V");

    private static final byte[][] NAMES = {
            ascii("getenv"), ascii("exit"), ascii("halt"), ascii("Property"), ascii("setDefault")};

    private SandboxRewriter() {
    }

    /** The class file with the calls rewritten, or the same array when it has none. */
    static byte[] rewrite(byte[] classFile) {
        if (!mentionsAny(classFile)) {
            return classFile;
        }
        var reader = new ClassReader(classFile);
        var writer = new ClassWriter(reader, 0);
        var changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new CallRewriter(super.visitMethod(access, name, descriptor, signature, exceptions), changed);
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }

    private static final class CallRewriter extends MethodVisitor {
        private final boolean[] changed;

        CallRewriter(MethodVisitor next, boolean[] changed) {
            super(Opcodes.ASM9, next);
            this.changed = changed;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String key = owner + "." + name + descriptor;
            String replacement = opcode == Opcodes.INVOKESTATIC ? STATIC_CALLS.get(key)
                    : opcode == Opcodes.INVOKEVIRTUAL ? RUNTIME_CALLS.get(key) : null;
            if (replacement != null) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SANDBOX, name, replacement, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = rewrite(arguments[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(rewrite(value));
        }

        /** A method handle constant such as {@code System::getenv} in a lambda bootstrap. */
        private Object rewrite(Object constant) {
            if (constant instanceof Handle h && h.getTag() == Opcodes.H_INVOKESTATIC) {
                String replacement = STATIC_CALLS.get(h.getOwner() + "." + h.getName() + h.getDesc());
                if (replacement != null) {
                    changed[0] = true;
                    return new Handle(Opcodes.H_INVOKESTATIC, SANDBOX, h.getName(), replacement, false);
                }
            }
            return constant;
        }
    }

    private static boolean mentionsAny(byte[] classFile) {
        for (byte[] name : NAMES) {
            if (Bytes.indexOf(classFile, name) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
