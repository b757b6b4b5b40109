package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.projection.Redrive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The operator's JSON: dead letters as stored and as listed, projections with their rebuild progress, and what a
 * re-drive did (the management API of openapi.json). Thread-safe; obtained from {@link JsonCodec#admin()}.
 */
public final class AdminJson {
    private final ObjectMapper mapper;
    private final CommandJson commands;
    private final Catalog catalog;

    AdminJson(ObjectMapper mapper, CommandJson commands, Catalog catalog) {
        this.mapper = mapper;
        this.commands = commands;
        this.catalog = catalog;
    }

    /** A dead-lettered command as JSON: the event with all its attributes, the error and when it failed. */
    public byte[] encodeDeadLetter(DeadLetter deadLetter) {
        return JsonCodec.write(mapper, StoredDeadLetter.of(deadLetter, commands));
    }

    /** Reads what {@link #encodeDeadLetter} wrote; throws {@link CodecException} for anything else. */
    public DeadLetter decodeDeadLetter(byte[] json) {
        try {
            return mapper.readValue(json, StoredDeadLetter.class).deadLetter(catalog, commands);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("not a Precinct dead letter", e);
        }
    }

    /**
     * The operator's listing of command dead letters alone, as {@link #encodeDeadLetterListing(List, List)} writes
     * it without parked aggregates.
     */
    public byte[] encodeDeadLetterListing(List<DeadLetter> deadLetters) {
        return encodeDeadLetterListing(deadLetters, List.of());
    }

    /**
     * The operator's listing of both kinds of dead letters, {@code {"items":[…]}}: first per parked aggregate an
     * item of {@code kind} {@code event}: its {@code id}, {@code projection}, {@code aggregateId}, the position
     * ({@code topic}, {@code partition}, {@code offset}), {@code eventType} (its {@code ce_type} header, when it has
     * one), {@code reason} and {@code parkedAt} of the record it is parked on, {@code parkedCount} and every parked
     * record in log order ({@code parked}: position, reason, parkedAt); then, oldest first, per command dead letter
     * its {@code id}, {@code kind} ({@code command}), the command's type, ids, aggregate id, principal and topic, the
     * {@code error}, {@code failedAt} and the command's {@code data}.
     */
    public byte[] encodeDeadLetterListing(List<DeadLetter> deadLetters, List<ParkedAggregate> parked) {
        var items = Stream.concat(parked.stream().map(ParkedItem::of),
                deadLetters.stream().map(deadLetter -> CommandItem.of(deadLetter, commands)));
        return JsonCodec.write(mapper, new Listing(items.toList()));
    }

    /** The operator's view of the projections, {@code {"items":[…]}}: each as {@link #encodeProjection} writes it. */
    public byte[] encodeProjections(List<ProjectionStatus> projections) {
        return JsonCodec.write(mapper, new Listing(projections.stream().map(ProjectionView::of).toList()));
    }

    /**
     * Where one projection stands: {@code name}, {@code topic}, {@code state} ({@code running}, {@code paused},
     * {@code rebuilding} or {@code remote}), the totals {@code lag} and {@code parked}, per partition its
     * {@code partition}, {@code checkpoint}, {@code endOffset}, {@code lag} and {@code parked}, and when this process
     * started a rebuild of it, that {@code rebuild}: {@code phase} ({@code replaying}, {@code switching},
     * {@code done} or {@code failed}), {@code startedAt}, {@code finishedAt} and {@code error} when there are
     * any, {@code progress} (0 to 1) and per partition the copy's {@code checkpoint} and the {@code endOffset}.
     */
    public byte[] encodeProjection(ProjectionStatus projection) {
        return JsonCodec.write(mapper, ProjectionView.of(projection));
    }

    /**
     * What re-driving or skipping a parked aggregate did: {@code id}, {@code kind} ({@code event}),
     * {@code projection}, {@code aggregateId}, {@code applied}, {@code skipped}, {@code stillParked} and, when a
     * record still fails, its {@code reason}.
     */
    public byte[] encodeRedrive(String id, Redrive redrive) {
        return JsonCodec.write(mapper, RedriveView.of(id, redrive));
    }

    /** {@code {"items":[…]}}: the one shape of the operator's listings. */
    record Listing(List<?> items) {
    }

    /**
     * A command dead letter as the JetStream store keeps it; fields a newer node adds do not stop an older one
     * reading it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredDeadLetter(String error, Instant failedAt, StoredEvent event) {
        static StoredDeadLetter of(DeadLetter deadLetter, CommandJson commands) {
            var event = deadLetter.event();
            return new StoredDeadLetter(deadLetter.error(), deadLetter.failedAt(), new StoredEvent(event.eventId(),
                    event.eventType(), event.source(), event.time(), event.subject(), event.topic(),
                    event.correlationId().toString(), event.commandId().value(), event.issuedBy().name(),
                    event.traceparent(), commands.tree(event.data())));
        }

        DeadLetter deadLetter(Catalog catalog, CommandJson commands) throws IOException {
            var type = catalog.byEventType(event.type())
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
            return new DeadLetter(new EventEnvelope(event.id(), type, commands.read(event.data(), type),
                    event.source(), event.time(), CorrelationId.parse(event.correlationId()),
                    new CommandId(event.commandId()), new Principal(event.issuedBy()), event.traceparent()),
                    error, failedAt);
        }
    }

    /** The event of a stored dead letter with all its attributes; subject and topic are written for the reader. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredEvent(UUID id, String type, String source, Instant time, String subject, String topic,
                       String correlationId, String commandId, String issuedBy, String traceparent, JsonNode data) {
    }

    /** A parked aggregate in the listing. */
    record ParkedItem(String id, String kind, String projection, String aggregateId, String topic, int partition,
                      long offset, @JsonInclude(JsonInclude.Include.NON_NULL) String eventType, String reason,
                      Instant parkedAt, int parkedCount, List<ParkedRecord> parked) {
        static ParkedItem of(ParkedAggregate aggregate) {
            var first = aggregate.first();
            var position = first.position();
            return new ParkedItem(aggregate.id(), "event", aggregate.projection(), aggregate.aggregateId(),
                    position.topic(), position.partition(), position.offset(), eventType(first), first.reason(),
                    first.parkedAt(), aggregate.events().size(),
                    aggregate.events().stream().map(ParkedRecord::of).toList());
        }

        /** The event's type, or for a record that is not one the last {@code ce_type} header it carries. */
        private static String eventType(ParkedEvent parked) {
            return switch (parked.delivery()) {
                case RecordedEvent recorded -> recorded.event().eventType();
                case PoisonRecord poison -> poison.record().headers().stream()
                        .filter(header -> header.name().equals("ce_type") && header.value() != null)
                        .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                        .reduce((earlier, later) -> later).orElse(null);
            };
        }
    }

    /** One parked record of a parked aggregate. */
    record ParkedRecord(String topic, int partition, long offset, String reason, Instant parkedAt) {
        static ParkedRecord of(ParkedEvent event) {
            var position = event.position();
            return new ParkedRecord(position.topic(), position.partition(), position.offset(), event.reason(),
                    event.parkedAt());
        }
    }

    /** A command dead letter in the listing. */
    record CommandItem(String id, String kind, String commandType, String commandId, String correlationId,
                       String aggregateId, String issuedBy, String topic, String error, Instant failedAt,
                       JsonNode data) {
        static CommandItem of(DeadLetter deadLetter, CommandJson commands) {
            var event = deadLetter.event();
            return new CommandItem(deadLetter.id(), "command", event.type().name(), event.commandId().value(),
                    event.correlationId().toString(), event.subject(), event.issuedBy().name(), event.topic(),
                    deadLetter.error(), deadLetter.failedAt(), commands.tree(event.data()));
        }
    }

    /** A projection and, when this process started one, its rebuild. */
    record ProjectionView(String name, String topic, String state, long lag, int parked,
                          List<PartitionView> partitions,
                          @JsonInclude(JsonInclude.Include.NON_NULL) RebuildView rebuild) {
        static ProjectionView of(ProjectionStatus projection) {
            var partitions = projection.partitions();
            return new ProjectionView(projection.name(), projection.topic(), lowerCase(projection.state()),
                    partitions.stream().mapToLong(ProjectionStatus.Partition::lag).sum(),
                    partitions.stream().mapToInt(ProjectionStatus.Partition::parked).sum(),
                    partitions.stream().map(PartitionView::of).toList(),
                    projection.rebuild() == null ? null : RebuildView.of(projection.rebuild()));
        }
    }

    /** One partition of a projection. */
    record PartitionView(int partition, long checkpoint, long endOffset, long lag, int parked) {
        static PartitionView of(ProjectionStatus.Partition partition) {
            return new PartitionView(partition.partition(), partition.checkpoint(), partition.endOffset(),
                    partition.lag(), partition.parked());
        }
    }

    /** A rebuild's progress; {@code finishedAt} and {@code error} are absent until there is one. */
    record RebuildView(String phase, Instant startedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Instant finishedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String error, double progress,
                       List<RebuildPartitionView> partitions) {
        static RebuildView of(RebuildProgress rebuild) {
            // rounded down, so that an unfinished rebuild never reads 1
            return new RebuildView(lowerCase(rebuild.phase()), rebuild.startedAt(), rebuild.finishedAt(),
                    rebuild.error(), Math.floor(rebuild.fraction() * 1000) / 1000,
                    rebuild.partitions().stream().map(RebuildPartitionView::of).toList());
        }
    }

    /** One partition of a rebuild: how far the copy has read, and where the log ends. */
    record RebuildPartitionView(int partition, long checkpoint, long endOffset) {
        static RebuildPartitionView of(RebuildProgress.Partition partition) {
            return new RebuildPartitionView(partition.partition(), partition.checkpoint(), partition.endOffset());
        }
    }

    /** What re-driving or skipping a parked aggregate did; {@code reason} is absent when no record still fails. */
    record RedriveView(String id, String kind, String projection, String aggregateId, int applied, int skipped,
                       int stillParked, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
        static RedriveView of(String id, Redrive redrive) {
            return new RedriveView(id, "event", redrive.projection(), redrive.aggregateId(), redrive.applied(),
                    redrive.skipped(), redrive.stillParked(), redrive.reason());
        }
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
