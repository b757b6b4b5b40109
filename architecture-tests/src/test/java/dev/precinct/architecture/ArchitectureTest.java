package dev.precinct.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Runs every rule of {@link ArchitectureRules} over Precinct's production classes. */
@AnalyzeClasses(packages = "dev.precinct", importOptions = ProductionClasses.class)
class ArchitectureTest {
    @ArchTest static final ArchRule core_depends_on_the_jdk_only = ArchitectureRules.core_depends_on_the_jdk_only;
    @ArchTest static final ArchRule the_engine_knows_no_domain = ArchitectureRules.the_engine_knows_no_domain;
    @ArchTest static final ArchRule domains_use_only_the_public_api = ArchitectureRules.domains_use_only_the_public_api;
    @ArchTest static final ArchRule the_codec_knows_no_service = ArchitectureRules.the_codec_knows_no_service;
    @ArchTest static final ArchRule adapters_do_not_know_each_other = ArchitectureRules.adapters_do_not_know_each_other;
    @ArchTest static final ArchRule nothing_depends_on_app = ArchitectureRules.adapters_and_codec_depend_on_core_not_on_app;
    @ArchTest static final ArchRule the_codec_knows_no_adapter = ArchitectureRules.the_codec_knows_no_adapter;
    @ArchTest static final ArchRule core_packages_are_free_of_cycles = ArchitectureRules.core_packages_are_free_of_cycles;
    @ArchTest static final ArchRule all_modules_are_free_of_cycles = ArchitectureRules.all_modules_are_free_of_cycles;
    @ArchTest static final ArchRule ports_are_interfaces = ArchitectureRules.ports_are_interfaces;
    @ArchTest static final ArchRule commands_are_records = ArchitectureRules.commands_are_records;
    @ArchTest static final ArchRule envelopes_and_views_are_records = ArchitectureRules.envelopes_and_views_are_records;
    @ArchTest static final ArchRule adapters_are_named_technology_first = ArchitectureRules.adapters_are_named_technology_first;
    @ArchTest static final ArchRule no_generic_exceptions = ArchitectureRules.no_generic_exceptions;
    @ArchTest static final ArchRule no_java_util_logging = ArchitectureRules.no_java_util_logging;
    @ArchTest static final ArchRule no_standard_streams_outside_app = ArchitectureRules.no_standard_streams_outside_app;
}
