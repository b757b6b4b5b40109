package dev.precinct.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the rules can fail: each runs over a fixture with a planted violation and must report it, so a
 * mistyped package pattern cannot pass while checking nothing.
 */
class CanaryTest {
    private static final String FIXTURE = "dev.precinct.architecture.fixture";

    private static void assertViolated(ArchRule rule, String expected) {
        var classes = new ClassFileImporter().importPackages(FIXTURE);
        var result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "the planted violation was not found by: " + rule.getDescription());
        assertTrue(result.getFailureReport().toString().contains(expected), result.getFailureReport().toString());
    }

    @Test
    void aCoreClassUsingALibraryIsCaught() {
        assertViolated(ArchitectureRules.coreDependsOnTheJdkOnly(FIXTURE), "PlantedCoreViolation");
    }

    @Test
    void anAdapterUsingAnotherAdapterIsCaught() {
        assertViolated(ArchitectureRules.adaptersDoNotKnowEachOther(FIXTURE), "PlantedAdapterViolation");
    }

    @Test
    void anEngineClassUsingADomainTypeIsCaught() {
        assertViolated(ArchitectureRules.theEngineKnowsNoDomain(FIXTURE), "PlantedEngineViolation");
    }

    @Test
    void aDomainUsingAPortIsCaught() {
        assertViolated(ArchitectureRules.domainsUseOnlyThePublicApi(FIXTURE), "PlantedDomainViolation");
    }

    @Test
    void aCodecUsingAServiceIsCaught() {
        assertViolated(ArchitectureRules.theCodecKnowsNoService(FIXTURE), "PlantedCodecViolation");
    }
}
