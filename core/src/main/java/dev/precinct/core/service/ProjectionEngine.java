package dev.precinct.core.service;

import dev.precinct.core.CommandId;
import dev.precinct.core.CommandStatusView;
import dev.precinct.core.Decision;
import dev.precinct.core.Delivery;
import dev.precinct.core.PoisonRecord;
import dev.precinct.core.Projection;
import dev.precinct.core.ProjectionBatch;
import dev.precinct.core.RecordedEvent;
import dev.precinct.core.TopicPartition;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.port.ProjectionStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link Projection} over batches of the event log: loads the touched rows once per batch, decides every
 * event in log order, drops commands already decided (duplicates by command id), and commits rows, outcomes and
 * checkpoints in one transaction, then tells the listener which commands were decided.
 */
public final class ProjectionEngine<V> implements EventSink {
    private static final System.Logger LOG = System.getLogger(ProjectionEngine.class.getName());

    private final Projection<V> projection;
    private final ProjectionStore<V> store;
    private final ProjectionListener listener;
    private final Clock clock;

    public ProjectionEngine(Projection<V> projection, ProjectionStore<V> store, ProjectionListener listener,
                            Clock clock) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return projection.name();
    }

    @Override
    public String topic() {
        return projection.topic();
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets() {
        return store.nextOffsets();
    }

    @Override
    public void accept(List<Delivery> deliveries) {
        var aggregateIds = new HashSet<String>();
        var commandIds = new HashSet<CommandId>();
        for (var delivery : deliveries) {
            if (delivery instanceof RecordedEvent recorded) {
                aggregateIds.add(recorded.event().subject());
                commandIds.add(recorded.event().commandId());
            }
        }
        var rows = new HashMap<>(store.load(aggregateIds));
        var decided = new HashSet<>(store.decided(commandIds));

        var changed = new LinkedHashMap<String, V>();
        var statuses = new ArrayList<CommandStatusView>();
        var nextOffsets = new HashMap<TopicPartition, Long>();
        for (var delivery : deliveries) {
            var position = delivery.position();
            nextOffsets.put(new TopicPartition(position.topic(), position.partition()), position.offset() + 1);
            switch (delivery) {
                case PoisonRecord poison -> LOG.log(System.Logger.Level.WARNING,
                        "projection {0} skips poison record at {1}: {2}", name(), position, poison.reason());
                case RecordedEvent recorded -> {
                    var event = recorded.event();
                    if (!decided.add(event.commandId())) continue;
                    Decision<V> decision;
                    try {
                        decision = projection.decide(rows.get(event.subject()), event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "projection " + name() + " skips the event at "
                                + position + " it cannot apply", e);
                        continue;
                    }
                    if (decision instanceof Decision.Applied<V> applied) {
                        rows.put(event.subject(), applied.view());
                        changed.put(event.subject(), applied.view());
                    }
                    statuses.add(CommandStatusView.of(event, decision, clock.instant()));
                }
            }
        }
        store.commit(new ProjectionBatch<>(changed, statuses, nextOffsets));
        if (!statuses.isEmpty())
            listener.decided(statuses.stream().map(CommandStatusView::correlationId).toList());
    }
}
