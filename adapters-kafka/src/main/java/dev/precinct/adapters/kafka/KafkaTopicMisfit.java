package dev.precinct.adapters.kafka;

/**
 * An event topic whose settings let Kafka delete events: a finite retention or compaction, or a topic that is
 * missing. Immutable.
 *
 * @param topic   the topic's name
 * @param setting the topic setting that does not fit ({@code retention.ms}, {@code retention.bytes},
 *                {@code cleanup.policy}), or {@code "exists"} for a topic that is missing
 * @param value   its value now
 * @param fix     the command that fixes it
 */
public record KafkaTopicMisfit(String topic, String setting, String value, String fix) {
    /** One line for a log or an exception: the topic, the setting, its value, why it matters and the fix. */
    public String describe() {
        if (setting.equals("exists")) return "event topic " + topic + " does not exist; fix: " + fix;
        return "event topic " + topic + " has " + setting + "=" + value + ", so Kafka deletes events from it, and the "
                + "event log is the source of truth: it must keep every event for ever; fix: " + fix;
    }
}
