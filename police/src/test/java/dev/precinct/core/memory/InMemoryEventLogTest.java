package dev.precinct.core.memory;

import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.contract.EventLogContract;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSource;

import java.util.Map;
import java.util.stream.Collectors;

class InMemoryEventLogTest extends EventLogContract {
    private final InMemoryEventLog log = new InMemoryEventLog(4);

    @Override
    protected EventPublisher publisher() {
        return log;
    }

    @Override
    protected EventSource source() {
        return log;
    }

    @Override
    protected Map<TopicPartition, Long> endOffsets(String topic) {
        return log.events(topic).stream().collect(Collectors.toMap(
                event -> new TopicPartition(topic, event.position().partition()),
                event -> event.position().offset() + 1,
                Math::max));
    }
}
