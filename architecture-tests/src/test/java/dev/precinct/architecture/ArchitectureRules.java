package dev.precinct.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the hexagon, as constants so the canary test can run them against a planted violation. Each one
 * reads as the sentence it enforces.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Core, under {@code root}, depends on the JDK only. */
    static ArchRule coreDependsOnTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".core..", "java..")
                .because("core is pure Java: users embed it and tests swap every transport");
    }

    /** The adapters under {@code root} do not depend on each other. */
    static ArchRule adaptersDoNotKnowEachOther(String root) {
        return slices().matching(root + ".adapters.(*)..").namingSlices("$1 adapter")
                .should().notDependOnEachOther()
                .because("adapters share only core and the JSON codec");
    }

    /** The engine (core, the codec, the adapters) under {@code root} knows no domain: not the police, no example. */
    static ArchRule theEngineKnowsNoDomain(String root) {
        return noClasses().that().resideInAnyPackage(root + ".core..", root + ".codec..", root + ".adapters..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".police..", root + ".examples..")
                .because("domains are the engine's clients, declared with its public API");
    }

    /**
     * Domains under {@code root} (the police, the examples) use only core's public API: the command kernel, the
     * domain declaration, views, projections, events, log positions and paging; never a port, a service, an
     * in-memory store, the codec, an adapter or the app.
     */
    static ArchRule domainsUseOnlyThePublicApi(String root) {
        return classes().that().resideInAnyPackage(root + ".police..", root + ".examples..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".police..", root + ".examples..",
                        root + ".core.command..", root + ".core.domain..", root + ".core.view..",
                        root + ".core.projection..", root + ".core.event..", root + ".core.log..",
                        root + ".core.paging..", "java..")
                .because("an app declares its domain with the public API alone, as the police domain does");
    }

    /** The JSON codec under {@code root} knows no service and no in-memory store: it maps values, it runs nothing. */
    static ArchRule theCodecKnowsNoService(String root) {
        return noClasses().that().resideInAPackage(root + ".codec..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".core.service..", root + ".core.memory..");
    }

    static final ArchRule core_depends_on_the_jdk_only = coreDependsOnTheJdkOnly("dev.precinct");

    static final ArchRule the_engine_knows_no_domain = theEngineKnowsNoDomain("dev.precinct");

    static final ArchRule domains_use_only_the_public_api = domainsUseOnlyThePublicApi("dev.precinct");

    static final ArchRule the_codec_knows_no_service = theCodecKnowsNoService("dev.precinct");

    static final ArchRule adapters_do_not_know_each_other = adaptersDoNotKnowEachOther("dev.precinct");

    static final ArchRule adapters_and_codec_depend_on_core_not_on_app =
            noClasses().that().resideInAnyPackage("dev.precinct.adapters..", "dev.precinct.codec..", "dev.precinct.core..")
                    .should().dependOnClassesThat().resideInAPackage("dev.precinct.app..")
                    .because("app is the composition root: nothing depends on it");

    static final ArchRule the_codec_knows_no_adapter =
            noClasses().that().resideInAPackage("dev.precinct.codec..")
                    .should().dependOnClassesThat().resideInAPackage("dev.precinct.adapters..");

    static final ArchRule core_packages_are_free_of_cycles =
            slices().matching("dev.precinct.core.(*)..").should().beFreeOfCycles();

    static final ArchRule all_modules_are_free_of_cycles =
            slices().matching("dev.precinct.(*)..").should().beFreeOfCycles();

    static final ArchRule ports_are_interfaces =
            classes().that().resideInAPackage("dev.precinct.core.port").and().areNotAnnotations()
                    .and().doNotHaveSimpleName("package-info")
                    .should().beInterfaces();

    static final ArchRule commands_are_records =
            classes().that().implement("dev.precinct.core.command.Command").should().beRecords();

    static final ArchRule envelopes_and_views_are_records =
            classes().that().haveSimpleNameEndingWith("Envelope").or().haveSimpleNameEndingWith("View")
                    .should().beRecords();

    static final ArchRule adapters_are_named_technology_first =
            classes().that().resideInAPackage("dev.precinct.adapters.kafka").and().arePublic()
                    .and().areNotInterfaces().and().doNotHaveSimpleName("package-info")
                    .should().haveSimpleNameStartingWith("Kafka");

    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    static final ArchRule no_standard_streams_outside_app =
            noClasses().that().resideOutsideOfPackage("dev.precinct.app..")
                    .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                    .because("libraries log; only the composition root talks to the console");
}
