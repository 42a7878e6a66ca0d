package dev.csvtest.local.code;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one function's code is, as found on disk.
 *
 * @param code        the function's own classes: folders or one jar, loaded afresh in every execution environment
 * @param libraries   its dependency jars, loaded once per function and shared by its environments
 * @param description how it was found, for the banner ({@code .aws-sam/build/CsvTestFunction},
 *                    {@code target/classes + target/lib (36 jars)}, ...)
 */
public record CodeLocation(List<Path> code, List<Path> libraries, String description) {

    public CodeLocation {
        code = List.copyOf(code);
        libraries = List.copyOf(libraries);
    }

    /** Every folder and jar a change to which means new code (what hot reload watches). */
    public List<Path> all() {
        var all = new java.util.ArrayList<>(code);
        all.addAll(libraries);
        return all;
    }
}
