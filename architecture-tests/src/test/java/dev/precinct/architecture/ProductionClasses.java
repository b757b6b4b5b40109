package dev.precinct.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/** Imports production classes only: no test folders, and no test jars (core's shared contract tests). */
final class ProductionClasses implements ImportOption {
    private static final ImportOption NO_TEST_FOLDERS = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return NO_TEST_FOLDERS.includes(location) && !location.contains("-tests.jar");
    }
}
