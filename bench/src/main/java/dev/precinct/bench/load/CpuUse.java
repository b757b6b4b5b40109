package dev.precinct.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went during a window, by kind of process, from {@code /proc}: Precinct's JVMs, the
 * servers (PostgreSQL, Kafka, NATS), the benchmark itself (the load generator and the floors), and everything else
 * (on a shared machine: other people's builds). On a machine whose few cores everything shares, CPU time per
 * command is what bounds throughput, so this is the first profile of a throughput row.
 *
 * @param seconds CPU seconds by kind, in a stable order
 * @param idle    the share of the machine's CPU time that was idle, 0–1
 */
public record CpuUse(Map<String, Double> seconds, double idle, double wallSeconds) {
    public static final String PRECINCT = "Precinct";
    public static final String POSTGRES = "PostgreSQL";
    public static final String KAFKA = "Kafka";
    public static final String NATS = "NATS";
    public static final String BENCH = "load generator";
    public static final String OTHER = "other processes";
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** CPU time of every process and of the whole machine at one moment. */
    public record Snapshot(Map<Long, Long> ticksByPid, Map<Long, String> kindByPid, long machineTicks, long idleTicks,
                           long nanoTime) {
    }

    /**
     * The processes of the run's own servers: {@code scripts/with-services} writes their pids under
     * {@code $PRECINCT_TEST_SERVICES_DIR}. Other servers on the machine (other people's test runs) then count as
     * other processes. Without that directory, servers are told by their names.
     *
     * @param postgres the postmaster (its backends are its children); 0 when unknown
     */
    public record Servers(long postgres, long kafka, long nats) {
        public static Servers of(java.util.Map<String, String> environment) {
            var directory = environment.get("PRECINCT_TEST_SERVICES_DIR");
            if (directory == null) return new Servers(0, 0, 0);
            var root = Path.of(directory);
            return new Servers(firstNumber(root.resolve("postgres/data/postmaster.pid")),
                    firstNumber(root.resolve("kafka/kafka.pid")), firstNumber(root.resolve("nats/nats.pid")));
        }

        boolean known() {
            return postgres != 0 || kafka != 0 || nats != 0;
        }

        private static long firstNumber(Path file) {
            var text = read(file);
            if (text == null) return 0;
            var first = text.lines().findFirst().orElse("").strip();
            return first.matches("\\d+") ? Long.parseLong(first) : 0;
        }
    }

    /** Takes a snapshot; {@code precinctPids} are the Precinct JVMs of the moment. */
    public static Snapshot snapshot(Set<Long> precinctPids, Servers servers) {
        var ticks = new HashMap<Long, Long>();
        var kinds = new HashMap<Long, String>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(dir -> {
                long pid = Long.parseLong(dir.getFileName().toString());
                var stat = read(dir.resolve("stat"));
                if (stat == null) return;
                // the command name (field 2) is in parentheses and may hold spaces
                var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                long parent = Long.parseLong(fields[1]);
                kinds.put(pid, kind(pid, parent, name, self, precinctPids, servers, dir));
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        var cpu = read(Path.of("/proc/stat"));
        long machine = 0;
        long idle = 0;
        if (cpu != null) {
            var fields = cpu.lines().findFirst().orElse("cpu").trim().split("\\s+");
            for (int i = 1; i < fields.length; i++) machine += Long.parseLong(fields[i]);
            if (fields.length > 5) idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        }
        return new Snapshot(ticks, kinds, machine, idle, System.nanoTime());
    }

    /** The CPU time spent between two snapshots, by kind. */
    public static CpuUse between(Snapshot before, Snapshot after) {
        var seconds = new LinkedHashMap<String, Double>();
        for (var kind : new String[]{PRECINCT, POSTGRES, KAFKA, NATS, BENCH, OTHER}) seconds.put(kind, 0.0);
        after.ticksByPid().forEach((pid, ticks) -> {
            long spent = ticks - before.ticksByPid().getOrDefault(pid, 0L);
            seconds.merge(after.kindByPid().get(pid), spent / (double) TICKS_PER_SECOND, Double::sum);
        });
        long machine = after.machineTicks() - before.machineTicks();
        double idle = machine == 0 ? 0 : (after.idleTicks() - before.idleTicks()) / (double) machine;
        return new CpuUse(seconds, idle, (after.nanoTime() - before.nanoTime()) / 1e9);
    }

    /** Milliseconds of CPU per operation, by kind, for {@code operations} operations. */
    public Map<String, Double> millisPer(long operations) {
        var per = new LinkedHashMap<String, Double>();
        seconds.forEach((kind, spent) -> per.put(kind, operations == 0 ? Double.NaN : spent * 1000 / operations));
        return per;
    }

    private static String kind(long pid, long parent, String name, long self, Set<Long> precinctPids,
                               Servers servers, Path dir) {
        if (pid == self) return BENCH;
        if (precinctPids.contains(pid)) return PRECINCT;
        if (servers.known()) {
            if (pid == servers.postgres() || parent == servers.postgres()) return POSTGRES;
            if (pid == servers.kafka()) return KAFKA;
            if (pid == servers.nats()) return NATS;
            return OTHER;
        }
        if (name.equals("postgres")) return POSTGRES;
        if (name.equals("nats-server")) return NATS;
        var commandLine = read(dir.resolve("cmdline"));
        if (commandLine == null) return OTHER;
        commandLine = commandLine.replace('\0', ' ');
        if (commandLine.contains("kafka.Kafka ")) return KAFKA;
        return OTHER;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
