package dev.precinct.bench;

import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.bench.BenchOptions.Part;
import dev.precinct.bench.floor.ProduceFloor;
import dev.precinct.bench.floor.ReplayFloors;
import dev.precinct.bench.floor.ReplayTopic;
import dev.precinct.bench.floor.RequestReplyFloor;
import dev.precinct.bench.floor.VisibilityFloor;
import dev.precinct.bench.load.Client;
import dev.precinct.bench.load.ClosedLoop;
import dev.precinct.bench.load.CpuUse;
import dev.precinct.bench.load.LoadResult;
import dev.precinct.bench.load.OpenLoop;
import dev.precinct.bench.load.ReplayResult;
import dev.precinct.bench.load.VisibilityWatch;
import dev.precinct.bench.precinct.Deployment;
import dev.precinct.bench.precinct.HopTimes;
import dev.precinct.bench.precinct.MemoryPeak;
import dev.precinct.bench.precinct.MemoryWatch;
import dev.precinct.bench.precinct.PrecinctProcess;
import dev.precinct.bench.precinct.PrecinctReplay;
import dev.precinct.bench.precinct.ProjectionCatchUp;
import dev.precinct.bench.precinct.Tokens;
import dev.precinct.bench.precinct.Topology;
import dev.precinct.bench.report.Row;
import dev.precinct.bench.workload.Services;
import dev.precinct.bench.workload.Workload;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * One run of the benchmark: Precinct in one JVM, the floors, Precinct split into edge, business-logic and
 * projector JVMs, then the replay; each part against the same servers, one after the other, so that every figure
 * and its floor come from the same run. A part that fails is reported and the others still run.
 */
public final class BenchRun {
    private static final int PARTITIONS = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final String PRECINCT_VISIBILITY_QUERY = """
            SELECT correlation_id::text, status = 'APPLIED' FROM command_status
            WHERE correlation_id = ANY(CAST(? AS uuid[]))""";

    private static final String REGISTER_OFFICER = "RegisterOfficer";
    /** The contender suffix of P4 measured with officer registrations rather than observations. */
    static final String REGISTRATIONS = " registrations";

    private final BenchOptions options;
    private final Plan plan;
    private final Services services;
    private final PrintStream progress;
    private final String runId;
    private final Workload workload;

    private final Results results = new Results();
    private final List<String> errors = new ArrayList<>();
    private final List<Long> precinctPids = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    private double oneClientRate;
    private double manyClientsRate;
    private String token;
    private Path jar;
    private Set<Long> runningPrecinct = Set.of();
    private final CpuUse.Servers servers = CpuUse.Servers.of(System.getenv());
    private final long createdAt = System.nanoTime();
    private String authSecret;

    public BenchRun(BenchOptions options, Services services, PrintStream progress) {
        this.options = options;
        this.plan = options.plan();
        this.services = services;
        this.progress = progress;
        var random = new Random();
        var letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        var id = new StringBuilder();
        for (int i = 0; i < 6; i++) id.append(letters.charAt(random.nextInt(letters.length())));
        this.runId = id.toString();
        this.workload = new Workload(runId.substring(0, 4).toUpperCase(Locale.ROOT));
    }

    /** What a run measured: its rows, the errors of the parts that failed, and the Precinct JVMs it started. */
    public record Outcome(List<Row> rows, List<String> errors, List<Long> precinctPids, Results results,
                          Instant startedAt, Instant endedAt) {
    }

    public Outcome run() throws Exception {
        var startedAt = Instant.now();
        log("run " + runId + " (" + plan.name() + "), work directory " + options.work().toAbsolutePath());
        Files.createDirectories(options.work());
        // a copy of its own, so that a build that replaces the jar meanwhile cannot pull it away from the JVMs
        var copy = options.work().resolve("precinct.jar");
        jar = copy.toAbsolutePath().equals(options.jar().toAbsolutePath()) ? copy
                : Files.copy(options.jar(), copy, StandardCopyOption.REPLACE_EXISTING);
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                services.kafkaBootstrap()))) {
            admin.createTopics(List.of(topic("requests"), topic("observations"), topic("visibility"), topic("replay"))
                    .stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList()).all().get();
            var precinctDatabase = database("precinct");
            if (options.parts().contains(Part.ALL) || options.parts().contains(Part.SPLIT)) mintToken();
            part(Part.ALL, () -> measurePrecinct(Topology.ONE_JVM, admin, precinctDatabase));
            part(Part.FLOORS, this::measureFloors);
            part(Part.SPLIT, () -> measurePrecinct(Topology.SPLIT, admin, precinctDatabase));
            part(Part.REPLAY, this::measureReplay);
            try {
                admin.deleteTopics(List.of(topic("requests"), topic("observations"), topic("visibility"),
                        topic("replay"))).all().get();
            } catch (Exception e) {
                log("could not delete the run's topics: " + e.getMessage());
            }
        } finally {
            databases.forEach(services::dropDatabase);
        }
        var rows = new RowsOfRun(results, plan).rows();
        return new Outcome(rows, List.copyOf(errors), List.copyOf(precinctPids), results, startedAt, Instant.now());
    }

    @FunctionalInterface
    private interface Measuring {
        void run() throws Exception;
    }

    private void part(Part part, Measuring measuring) {
        if (!options.parts().contains(part)) return;
        try {
            measuring.run();
        } catch (Exception | Error e) {
            errors.add(part.name().toLowerCase(Locale.ROOT) + ": " + e);
            log("part " + part + " failed: " + e);
            e.printStackTrace(progress);
        }
    }

    private String topic(String name) {
        return "bench-" + runId + "-" + name;
    }

    private String database(String name) {
        var database = "bench_" + runId + "_" + name;
        var url = services.createDatabase(database);
        databases.add(database);
        return url;
    }

    private void mintToken() throws Exception {
        authSecret = Tokens.newSecret();
        token = Tokens.mint(jar, authSecret, Workload.PRINCIPAL).orElse(null);
        log(token == null ? "this jar mints no tokens: requests go without Authorization"
                : "requests carry a bearer token minted by the jar (roles " + String.join(",", Tokens.ROLES) + ")");
    }

    // --- Precinct -----------------------------------------------------------------------------------------------

    private void measurePrecinct(Topology topology, Admin admin, String database) throws Exception {
        var name = topology.shortName();
        log("starting Precinct, " + topology.description());
        try (var deployment = Deployment.start(topology, services, database, jar,
                options.work().resolve(name), authSecret, options.profile(), options.precinctJvmFlags(), READY_TIMEOUT)) {
            deployment.processes().forEach(p -> precinctPids.add(p.pid()));
            runningPrecinct = deployment.processes().stream().map(PrecinctProcess::pid).collect(Collectors.toSet());
            var clients = new EdgeClients(deployment, token, workload);
            var catchUp = new ProjectionCatchUp(admin, services, database);
            clients.awaitAccepting(Duration.ofSeconds(60));
            catchUp.await(CATCH_UP_TIMEOUT);

            log(name + ": warming up for " + plan.deploymentWarmUp().toSeconds() + " s");
            var half = plan.deploymentWarmUp().dividedBy(2);
            ClosedLoop.run(8, Duration.ZERO, half, clients.registrations());
            ClosedLoop.run(8, Duration.ZERO, half, clients.observations());
            catchUp.await(CATCH_UP_TIMEOUT);

            var hopsBefore = HopTimes.scrape(deployment.managementPorts(), REGISTER_OFFICER);
            var oneClient = measured(Results.key("P1", name), () ->
                    ClosedLoop.run(1, plan.loopWarmUp(), plan.oneClient(), clients.registrations()));
            hopsBefore.flatMap(before -> HopTimes.scrape(deployment.managementPorts(), REGISTER_OFFICER)
                    .map(after -> after.meanMillisSince(before))).ifPresent(hops -> {
                results.hops(Results.key("P1", name), hops);
                log("    Precinct's own hop timings, mean ms: " + hops.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
            });
            if (oneClientRate == 0) oneClientRate = Math.max(10, Plan.ONE_CLIENT_OPEN_SHARE * oneClient.perSecond());
            measured(Results.openKey("P1", name), () -> OpenLoop.run(oneClientRate, 16, plan.loopWarmUp(),
                    plan.oneClientOpen(), clients.registrations()));
            results.rate("P1", oneClientRate);
            catchUp.await(CATCH_UP_TIMEOUT);
            deployment.checkAlive();

            var memory = MemoryWatch.start(deployment.processes());
            LoadResult manyClients;
            try {
                manyClients = measured(Results.key("P2", name), () ->
                        ClosedLoop.run(Plan.CLIENTS, plan.loopWarmUp(), plan.manyClients(), clients.registrations()));
            } finally {
                var peaks = memory.stop();
                results.memory(topology, peaks);
                for (var peak : peaks)
                    log(name + " " + peak.role() + ": heap in use " + mb(peak.heapUsed()) + ", live " + mb(peak.heapLive())
                            + ", committed " + mb(peak.heapCommitted()) + ", RSS " + mb(peak.resident()) + ", "
                            + peak.collections() + " GCs");
            }
            if (manyClientsRate == 0)
                manyClientsRate = Math.max(10, Plan.MANY_CLIENTS_OPEN_SHARE * manyClients.perSecond());
            catchUp.await(CATCH_UP_TIMEOUT);
            measured(Results.openKey("P2", name), () -> OpenLoop.run(manyClientsRate, 2 * Plan.CLIENTS,
                    plan.loopWarmUp(), plan.manyClientsOpen(), clients.registrations()));
            results.rate("P2", manyClientsRate);
            catchUp.await(CATCH_UP_TIMEOUT);
            deployment.checkAlive();

            measured(Results.key("P3", name), () ->
                    ClosedLoop.run(Plan.CLIENTS, plan.loopWarmUp(), plan.observations(), clients.observations()));
            catchUp.await(CATCH_UP_TIMEOUT);
            deployment.checkAlive();

            measured(Results.key("P4", name), () -> visibility(database, clients::watchedObservations));
            catchUp.await(CATCH_UP_TIMEOUT);
            measured(Results.key("P4", name + REGISTRATIONS), () -> visibility(database, clients::watchedRegistrations));
            deployment.checkAlive();
            log("stopping Precinct, " + topology.description());
        } finally {
            runningPrecinct = Set.of();
        }
    }

    private LoadResult visibility(String database, Function<VisibilityWatch, Client.Factory> clients)
            throws Exception {
        try (var watch = new VisibilityWatch(services.connect(database), PRECINCT_VISIBILITY_QUERY)) {
            OpenLoop.run(Plan.VISIBILITY_RATE, 32, Duration.ZERO, plan.visibility(), clients.apply(watch));
            return watch.finish(VISIBLE_WITHIN, plan.visibility());
        }
    }

    // --- floors -------------------------------------------------------------------------------------------------

    private void measureFloors() throws Exception {
        double oneClientAt = oneClientRate > 0 ? oneClientRate : 200;
        double manyClientsAt = manyClientsRate > 0 ? manyClientsRate : 1000;
        log("floors: raw jnats request/reply with a Kafka responder");
        try (var floor = new RequestReplyFloor(services.natsUrl(), services.kafkaBootstrap(), topic("requests"),
                "bench." + runId, workload)) {
            var half = plan.deploymentWarmUp().dividedBy(2);
            floor.oneClient(Duration.ZERO, half);
            floor.pipelined(Plan.CLIENTS, Duration.ZERO, half);
            measured(Results.key("P1", Results.FLOOR), () -> floor.oneClient(plan.loopWarmUp(), plan.oneClient()));
            measured(Results.openKey("P1", Results.FLOOR), () ->
                    floor.oneClientAtRate(oneClientAt, plan.loopWarmUp(), plan.oneClientOpen()));
            measured(Results.key("P2", Results.FLOOR), () ->
                    floor.pipelined(Plan.CLIENTS, plan.loopWarmUp(), plan.manyClients()));
            measured(Results.openKey("P2", Results.FLOOR), () ->
                    floor.pipelinedAtRate(manyClientsAt, plan.loopWarmUp(), plan.manyClientsOpen()));
        }
        log("floors: raw asynchronous Kafka produce");
        try (var floor = new ProduceFloor(services.kafkaBootstrap(), topic("observations"), workload)) {
            measured(Results.key("P3", Results.FLOOR), () ->
                    floor.inFlight(Plan.CLIENTS, plan.loopWarmUp(), plan.observations()));
        }
        log("floors: raw consume and one-row upsert");
        var floor = new VisibilityFloor(services, database("visibility"), topic("visibility"), workload);
        measured(Results.key("P4", Results.FLOOR), () ->
                floor.atRate(Plan.VISIBILITY_RATE, plan.visibility(), VISIBLE_WITHIN));
    }

    // --- replay -------------------------------------------------------------------------------------------------

    private void measureReplay() throws Exception {
        long events = plan.replayEvents();
        log(String.format(Locale.ROOT, "replay: writing %,d observation events to %s", events, topic("replay")));
        var filled = ReplayTopic.fill(services.kafkaBootstrap(), topic("replay"), events, workload);
        log("replay: written in " + filled.toMillis() + " ms");
        var timeout = Duration.ofMinutes(plan.quick() ? 2 : 15);
        var floors = new ReplayFloors(services.kafkaBootstrap(), topic("replay"), events, timeout);
        replayed(Results.RAW_CONSUME, floors::rawConsume);
        replayed(Results.RAW_CONSUME_UPSERT, () -> floors.rawConsumeWithBatchedUpsert(services, database("replay_floor")));
        replayed(Results.KAFKA_STREAMS, () -> floors.kafkaStreams("bench-" + runId + "-streams",
                Files.createDirectories(options.work().resolve("streams"))));
        var precinct = new PrecinctReplay(services.kafkaBootstrap(), topic("replay"), events, timeout);
        replayed(Results.PRECINCT_MEMORY, () -> precinct.intoMemory("bench-" + runId + "-memory"));
        var url = database("replay_precinct");
        try (var database = new PostgresDatabase(url, services.jdbcUser(), services.jdbcPassword())) {
            replayed(Results.PRECINCT_POSTGRES, () -> precinct.intoPostgres("bench-" + runId + "-postgres", database));
        }
    }

    // --- bookkeeping --------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Load {
        LoadResult run() throws Exception;
    }

    @FunctionalInterface
    private interface Replay {
        ReplayResult run() throws Exception;
    }

    private LoadResult measured(String key, Load load) throws Exception {
        var before = CpuUse.snapshot(runningPrecinct, servers);
        var result = load.run();
        results.load(key, result);
        results.cpu(key, CpuUse.between(before, CpuUse.snapshot(runningPrecinct, servers)));
        log(String.format(Locale.ROOT, "%-16s %,10.0f /s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  (%,d ok, %,d failed)%s",
                key, result.perSecond(), result.millisAt(50), result.millisAt(99), result.millisAt(99.9),
                result.completed(), result.failed(),
                result.firstFailure() == null ? "" : "; first failure: " + result.firstFailure()));
        results.cpu(key).ifPresent(use -> log(describe(use, result.completed() + result.failed(), "call")));
        return result;
    }

    private void replayed(String key, Replay replay) throws Exception {
        System.gc(); // the previous replay's store must not be collected during this one
        var before = CpuUse.snapshot(Set.of(), servers);
        var result = replay.run();
        results.replay(key, result);
        results.cpu(key, CpuUse.between(before, CpuUse.snapshot(Set.of(), servers)));
        log(String.format(Locale.ROOT, "%-28s %,10.0f events/s (%,d events in %d ms; %d ms from the start)", key,
                result.perSecond(), result.events(), result.sinceFirstRecord().toMillis(), result.total().toMillis()));
        results.cpu(key).ifPresent(use -> log(describe(use, result.events(), "event")));
    }

    private static String describe(CpuUse use, long operations, String operation) {
        var per = use.millisPer(operations).entrySet().stream().filter(e -> e.getValue() >= 0.0005)
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "    CPU ms per %s: %s; machine %.0f%% idle", operation, per, 100 * use.idle());
    }

    private void log(String line) {
        progress.printf(Locale.ROOT, "bench: [%5.1f s] %s%n", (System.nanoTime() - createdAt) / 1e9, line);
        progress.flush();
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }

    /** Everything a run measured, by row, contender and mode; the source of the rows and the plots. */
    public static final class Results {
        public static final String FLOOR = "floor";
        public static final String RAW_CONSUME = "raw consume";
        public static final String RAW_CONSUME_UPSERT = "raw consume + batched upsert";
        public static final String KAFKA_STREAMS = "Kafka Streams";
        public static final String PRECINCT_MEMORY = "Precinct into memory";
        public static final String PRECINCT_POSTGRES = "Precinct into PostgreSQL";

        private final Map<String, LoadResult> loads = new HashMap<>();
        private final Map<String, ReplayResult> replays = new HashMap<>();
        private final Map<Topology, List<MemoryPeak>> memory = new EnumMap<>(Topology.class);
        private final Map<String, Double> rates = new HashMap<>();
        private final Map<String, CpuUse> cpu = new HashMap<>();
        private final Map<String, Map<String, Double>> hops = new HashMap<>();

        /** e.g. {@code P1 all}, {@code P2 floor} */
        public static String key(String row, String contender) {
            return row + " " + contender;
        }

        /** The open-loop run of a row, e.g. {@code P1 all open} */
        public static String openKey(String row, String contender) {
            return row + " " + contender + " open";
        }

        synchronized void load(String key, LoadResult result) {
            loads.put(key, result);
        }

        synchronized void replay(String key, ReplayResult result) {
            replays.put(key, result);
        }

        synchronized void memory(Topology topology, List<MemoryPeak> peaks) {
            memory.put(topology, List.copyOf(peaks));
        }

        synchronized void hops(String key, Map<String, Double> meanMillis) {
            hops.put(key, Map.copyOf(meanMillis));
        }

        /** Precinct's own mean timing of each hop while {@code key} ran, when its jar exposes them. */
        public synchronized Optional<Map<String, Double>> hops(String key) {
            return Optional.ofNullable(hops.get(key));
        }

        synchronized void cpu(String key, CpuUse use) {
            cpu.put(key, use);
        }

        /** Where the CPU went while {@code key} ran. */
        public synchronized Optional<CpuUse> cpu(String key) {
            return Optional.ofNullable(cpu.get(key));
        }

        synchronized void rate(String row, double perSecond) {
            rates.putIfAbsent(row, perSecond);
        }

        public synchronized Optional<LoadResult> load(String key) {
            return Optional.ofNullable(loads.get(key));
        }

        public synchronized Optional<ReplayResult> replay(String key) {
            return Optional.ofNullable(replays.get(key));
        }

        public synchronized Optional<List<MemoryPeak>> memory(Topology topology) {
            return Optional.ofNullable(memory.get(topology));
        }

        /** The fixed rate of a row's open loop, when it ran. */
        public synchronized Optional<Double> rate(String row) {
            return Optional.ofNullable(rates.get(row));
        }
    }
}
