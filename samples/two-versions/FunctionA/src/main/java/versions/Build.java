package versions;

/**
 * Which of the two functions this build is. A compile-time constant, so it is compiled into {@link App}: the answer
 * shows which of the two same-named classes was loaded.
 */
final class Build {

    static final String FUNCTION = "A";

    private Build() {
    }
}
