package dev.precinct.app;

import dev.precinct.app.CarefulClient.Answer;
import dev.precinct.app.CarefulClient.KeyHistory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fault scenario's client heard, checked against what Kafka holds: the invariants of the command path and
 * the counts a reader of the test output wants.
 */
final class FaultReport {
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

    private final String scenario;
    private final List<KeyHistory> histories;
    private final Map<String, List<ConsumerRecord<String, byte[]>>> eventsByKey = new HashMap<>();
    private final List<String> orphans = new ArrayList<>();
    private final Duration recovery;
    private final Duration recoveryLimit;

    /**
     * @param records  every record of the topic written during the scenario whose command id has the scenario's
     *                 key prefix
     * @param recovery how long after the dependency came back the first 202 (to a request sent after that) came
     */
    FaultReport(String scenario, List<KeyHistory> histories, List<ConsumerRecord<String, byte[]>> records,
                Duration recovery) {
        this(scenario, histories, records, recovery, RECOVERY_LIMIT);
    }

    /** As above, with {@code recoveryLimit} in place of {@link #RECOVERY_LIMIT}. */
    FaultReport(String scenario, List<KeyHistory> histories, List<ConsumerRecord<String, byte[]>> records,
                Duration recovery, Duration recoveryLimit) {
        this.scenario = scenario;
        this.histories = histories;
        this.recovery = recovery;
        this.recoveryLimit = recoveryLimit;
        var sent = new HashMap<String, KeyHistory>();
        for (var history : histories) sent.put(history.key(), history);
        for (var record : records) {
            var key = header(record, "ce_commandid");
            if (sent.containsKey(key)) eventsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
            else orphans.add(key + "@" + record.partition() + "/" + record.offset());
        }
    }

    /**
     * Every key that got a 202 has exactly one event, at the position and with the correlation id the 202 named; no
     * key has two; a key whose last answer was an error has at most one (its outcome was unknown to the client,
     * never doubled); nothing on Kafka lacks a request; no answer was other than 202 or an error a careful client
     * retries; and the app served 202s again within the recovery limit ({@link #RECOVERY_LIMIT} unless given).
     */
    void assertInvariants() {
        var acceptedWithout = new ArrayList<String>();
        var acceptedElsewhere = new ArrayList<String>();
        var doubled = new ArrayList<String>();
        var unexpected = new ArrayList<String>();
        for (var history : histories) {
            var events = eventsByKey.getOrDefault(history.key(), List.of());
            if (events.size() > 1) doubled.add(history.key() + " x" + events.size());
            for (var answer : history.answers()) {
                if (!answer.accepted() && !answer.retryable())
                    unexpected.add(history.key() + " " + answer.status() + " " + answer.body());
                if (!answer.accepted()) continue;
                if (events.size() != 1) {
                    acceptedWithout.add(history.key() + " has " + events.size() + " events");
                } else if (!matches(answer, events.getFirst())) {
                    acceptedElsewhere.add(history.key() + " answered " + answer.body() + ", event at "
                            + events.getFirst().partition() + "/" + events.getFirst().offset() + " correlation "
                            + header(events.getFirst(), "ce_correlationid"));
                }
            }
        }
        assertAll(scenario + " invariants",
                () -> assertTrue(acceptedWithout.isEmpty(), "keys answered 202 without exactly one event: " + acceptedWithout),
                () -> assertTrue(acceptedElsewhere.isEmpty(), "202s that name another event: " + acceptedElsewhere),
                () -> assertTrue(doubled.isEmpty(), "keys with more than one event: " + doubled),
                () -> assertTrue(orphans.isEmpty(), "events no request asked for: " + orphans),
                () -> assertTrue(unexpected.isEmpty(), "answers a careful client cannot act on: " + unexpected),
                () -> assertTrue(recovery.compareTo(recoveryLimit) <= 0,
                        "202s again " + recovery.toMillis() + " ms after the dependency's return"));
    }

    /**
     * Whether the key's 202 names the correlation id an earlier attempt of it was answered with: the event that
     * attempt published (its answer an error, its outcome unknown) was found and no second one was published.
     */
    private static boolean acceptedWithAnEarlierAttemptsEvent(KeyHistory history) {
        var accepted = history.answers().stream().filter(Answer::accepted).findFirst();
        if (accepted.isEmpty()) return false;
        var correlationId = accepted.get().body().path("correlationId").asText();
        return history.answers().stream().takeWhile(answer -> !answer.accepted())
                .anyMatch(answer -> answer.body() != null
                        && correlationId.equals(answer.body().path("correlationId").asText()));
    }

    private static boolean matches(Answer accepted, ConsumerRecord<String, byte[]> event) {
        var body = accepted.body();
        return body != null && body.path("correlationId").asText().equals(header(event, "ce_correlationid"))
                && body.path("event").path("partition").asInt(-1) == event.partition()
                && body.path("event").path("offset").asLong(-1) == event.offset();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The longest run of answers in a row, in the order they came, that were not 202s: how many, and the time from
     * the first of them to the last.
     */
    String longestFailureRun() {
        var answers = histories.stream().flatMap(history -> history.answers().stream())
                .sorted(Comparator.comparingLong(Answer::answeredNanos)).toList();
        int longest = 0;
        long longestNanos = 0;
        int run = 0;
        long runStart = 0;
        for (var answer : answers) {
            if (answer.accepted()) {
                run = 0;
                continue;
            }
            if (run++ == 0) runStart = answer.answeredNanos();
            if (run > longest) {
                longest = run;
                longestNanos = answer.answeredNanos() - runStart;
            }
        }
        return longest + " answers over " + Duration.ofNanos(longestNanos).toMillis() + " ms";
    }

    /** The counts, one line. */
    @Override
    public String toString() {
        int attempts = 0;
        int firstTry = 0;
        int afterRetry = 0;
        int errorWithEvent = 0;
        var lastErrors = new TreeMap<String, Integer>();
        var errorsSeen = new TreeMap<String, Integer>();
        for (var history : histories) {
            attempts += history.answers().size();
            for (var answer : history.answers()) if (!answer.accepted()) errorsSeen.merge(answer.label(), 1, Integer::sum);
            if (history.answers().getFirst().accepted()) firstTry++;
            else if (history.accepted()) afterRetry++;
            else {
                lastErrors.merge(history.last().label(), 1, Integer::sum);
                if (eventsByKey.containsKey(history.key())) errorWithEvent++;
            }
        }
        int events = eventsByKey.values().stream().mapToInt(List::size).sum();
        long fromEarlierAttempt = histories.stream().filter(FaultReport::acceptedWithAnEarlierAttemptsEvent).count();
        long doubled = eventsByKey.values().stream().filter(list -> list.size() > 1).count();
        return "[fault] " + scenario + ": keys=" + histories.size() + " attempts=" + attempts
                + " accepted(first try)=" + firstTry + " accepted(after retries)=" + afterRetry
                + " (of which with an earlier attempt's event=" + fromEarlierAttempt + ")"
                + " gave up=" + lastErrors + " (of which on Kafka: " + errorWithEvent + ")"
                + " errors answered=" + errorsSeen + " events=" + events + " keys with two+=" + doubled
                + " orphan events=" + orphans.size() + " longest run of failures=" + longestFailureRun()
                + " 202s again after=" + recovery.toMillis() + " ms";
    }
}
