package dev.csvtest.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the code in the Lambda zip ({@code dev.csvtest.function} and {@code dev.csvtest.seeding}, main classes
 * only), checked on every build.
 */
@AnalyzeClasses(packages = {"dev.csvtest.function", "dev.csvtest.seeding"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the seeder may use of the function: the building blocks both functions share. */
    static final String[] SHARED_WITH_SEEDER = {
            "dev.csvtest.function.json..", "dev.csvtest.function.config..", "dev.csvtest.function.s3.client.."};

    /** The zip ships only the function module's own code: never the emulator's, the tools' or the tests'. */
    @ArchTest
    static final ArchRule zipCodeUsesNoOtherModule = noClasses()
            .that().resideInAnyPackage("dev.csvtest.function..", "dev.csvtest.seeding..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.csvtest.local..", "dev.csvtest.load..", "dev.csvtest.testkit..", "dev.csvtest.bench..",
                    "dev.csvtest.s3..");

    /**
     * Every package is its own slice (the function's face at its root, each helper package, the seeder), and no two
     * depend on each other in a circle: each can be read, tested and changed from the bottom up.
     */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.csvtest.(**)")
            .should().beFreeOfCycles();

    /** The function is the product and must not need its deploy-time helper. */
    @ArchTest
    static final ArchRule functionDoesNotDependOnTheSeeder = noClasses()
            .that().resideInAPackage("dev.csvtest.function..")
            .should().dependOnClassesThat().resideInAPackage("dev.csvtest.seeding..");

    /** The seeder shares the JSON writer, the environment reading and the S3 client builder, and nothing else. */
    @ArchTest
    static final ArchRule seederUsesOnlyTheSharedBuildingBlocks = noClasses()
            .that().resideInAPackage("dev.csvtest.seeding..")
            .should().dependOnClassesThat(resideInAPackage("dev.csvtest.function..")
                    .and(not(resideInAnyPackage(SHARED_WITH_SEEDER))));
}
