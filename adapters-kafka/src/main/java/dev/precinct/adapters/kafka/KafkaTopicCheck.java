package dev.precinct.adapters.kafka;

/** What to do about an event topic that does not {@linkplain KafkaTopics#KEEP_FOREVER keep every record}. */
public enum KafkaTopicCheck {
    /** Refuse to start, and report the topics DOWN in readiness. */
    FAIL,
    /** Log a warning and go on: for an operator who knowingly keeps a finite log. */
    WARN
}
