package dev.csvtest.local.code;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The content of one generation of a function's code, entry by entry (class files and resources, the first root
 * holding an entry winning, as in the class loader), each as a checksum of its bytes. Two fingerprints tell hot
 * reload whether a build changed anything, and how many classes.
 */
public record CodeFingerprint(Map<String, Long> entries) {

    public CodeFingerprint {
        entries = Map.copyOf(entries);
    }

    static CodeFingerprint of(List<CodeRoot> roots) {
        var entries = new HashMap<String, Long>();
        for (var root : roots) {
            root.checksums().forEach(entries::putIfAbsent);
        }
        return new CodeFingerprint(entries);
    }

    /** What changed from {@code before} to this one. */
    public Difference since(CodeFingerprint before) {
        var names = new HashSet<>(entries.keySet());
        names.addAll(before.entries.keySet());
        int classes = 0;
        int others = 0;
        for (var name : names) {
            if (!java.util.Objects.equals(entries.get(name), before.entries.get(name))) {
                if (name.endsWith(".class")) {
                    classes++;
                } else {
                    others++;
                }
            }
        }
        return new Difference(classes, others);
    }

    /**
     * @param classes   class files added, removed or changed
     * @param resources other entries added, removed or changed
     */
    public record Difference(int classes, int resources) {

        public boolean none() {
            return classes == 0 && resources == 0;
        }
    }
}
