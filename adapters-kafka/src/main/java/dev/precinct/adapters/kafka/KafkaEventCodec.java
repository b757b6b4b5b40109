package dev.precinct.adapters.kafka;

import dev.precinct.codec.json.DecodedCommand;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.command.Principal;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.port.RecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps events to Kafka records and back, in the CloudEvents 1.0 Kafka binding, binary mode: the key is the
 * aggregate id, the value the command's data as JSON, and the event's attributes travel in {@code ce_*} headers
 * (see docs/CONTRACT.md, "Kafka (events)"), with the schema version of the value in {@code ce_schemaversion} (absent: 1;
 * an older version is upcast on reading, see {@link dev.precinct.core.command.Upcaster}). Also the {@link RecordCodec} of stores that keep records as stored (parked
 * events). Thread-safe and stateless.
 */
public final class KafkaEventCodec implements RecordCodec {
    private static final String SPEC_VERSION = "ce_specversion";
    private static final String ID = "ce_id";
    private static final String SOURCE = "ce_source";
    private static final String TYPE = "ce_type";
    private static final String SUBJECT = "ce_subject";
    private static final String TIME = "ce_time";
    private static final String CORRELATION_ID = "ce_correlationid";
    private static final String COMMAND_ID = "ce_commandid";
    private static final String ISSUED_BY = "ce_issuedby";
    private static final String CONTENT_TYPE = "content-type";
    private static final String TRACEPARENT = "traceparent";
    /** A CloudEvents extension attribute: the schema version of the value; records written before it are 1. */
    private static final String SCHEMA_VERSION = "ce_schemaversion";
    private static final List<String> REQUIRED = List.of(SPEC_VERSION, ID, SOURCE, TYPE, SUBJECT, TIME,
            CORRELATION_ID, COMMAND_ID, ISSUED_BY, CONTENT_TYPE, TRACEPARENT);

    private static final String CLOUDEVENTS_VERSION = "1.0";
    private static final String JSON = "application/json";

    private final JsonCodec codec;
    private final Catalog catalog;

    /** @param catalog the commands whose events it reads and writes */
    public KafkaEventCodec(JsonCodec codec, Catalog catalog) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The record of {@code event} on its command's topic; the producer's partitioner picks the partition by key. */
    public ProducerRecord<String, byte[]> toRecord(EventEnvelope event) {
        var headers = List.<Header>of(
                header(SPEC_VERSION, CLOUDEVENTS_VERSION),
                header(ID, event.eventId().toString()),
                header(SOURCE, event.source()),
                header(TYPE, event.eventType()),
                header(SUBJECT, event.subject()),
                header(TIME, event.time().toString()),
                header(CORRELATION_ID, event.correlationId().toString()),
                header(COMMAND_ID, event.commandId().value()),
                header(ISSUED_BY, event.issuedBy().name()),
                header(CONTENT_TYPE, JSON),
                header(TRACEPARENT, event.traceparent()),
                header(SCHEMA_VERSION, Integer.toString(event.type().eventVersion())));
        return new ProducerRecord<>(event.topic(), null, event.subject(), codec.commands().encode(event.data()), headers);
    }

    /**
     * The event in {@code record}, or a {@link PoisonRecord} saying what is wrong with it: a missing or invalid
     * header, an event type the catalog does not know, or a value that is not the command's JSON. Never throws for
     * a bad record.
     */
    public Delivery fromRecord(ConsumerRecord<String, byte[]> record) {
        return decode(new EventPosition(record.topic(), record.partition(), record.offset()), record.key(),
                record.value(), record.headers());
    }

    @Override
    public RawRecord encode(EventEnvelope event) {
        var record = toRecord(event);
        return new RawRecord(record.key(), record.value(), rawHeaders(record.headers()));
    }

    @Override
    public Delivery decode(EventPosition position, RawRecord record) {
        var headers = new RecordHeaders();
        for (var header : record.headers()) headers.add(header.name(), header.value());
        return decode(position, record.key(), record.value(), headers);
    }

    /** The headers as stored, in their order. */
    static List<RawRecord.Header> rawHeaders(Headers headers) {
        var raw = new ArrayList<RawRecord.Header>();
        for (var header : headers) raw.add(new RawRecord.Header(header.key(), header.value()));
        return raw;
    }

    /** The raw record of {@code record}'s headers, key and value: what a dead letter keeps. */
    public static RawRecord rawRecord(String key, byte[] value, Headers headers) {
        return new RawRecord(key, value, rawHeaders(headers));
    }

    private Delivery decode(EventPosition position, String key, byte[] value, Headers recordHeaders) {
        var record = rawRecord(key, value, recordHeaders);
        var headers = lastValues(recordHeaders);
        var missing = REQUIRED.stream().filter(name -> !headers.containsKey(name)).toList();
        if (!missing.isEmpty())
            return poison(record, position, "missing headers " + String.join(", ", missing));

        var problems = new ArrayList<String>();
        if (!CLOUDEVENTS_VERSION.equals(headers.get(SPEC_VERSION)))
            problems.add(SPEC_VERSION + " is " + headers.get(SPEC_VERSION) + ", not " + CLOUDEVENTS_VERSION);
        if (!isJson(headers.get(CONTENT_TYPE)))
            problems.add(CONTENT_TYPE + " is " + headers.get(CONTENT_TYPE) + ", not " + JSON);
        var eventId = parse(headers, ID, UUID::fromString, problems);
        var time = parse(headers, TIME, Instant::parse, problems);
        var correlationId = parse(headers, CORRELATION_ID, CorrelationId::parse, problems);
        var commandId = parse(headers, COMMAND_ID, CommandId::new, problems);
        var issuedBy = parse(headers, ISSUED_BY, Principal::new, problems);
        var type = catalog.byEventType(headers.get(TYPE));
        var version = schemaVersion(recordHeaders, problems);
        if (type.isEmpty()) problems.add(TYPE + " " + headers.get(TYPE) + " is not a known event type");
        if (record.value() == null) problems.add("the record has no value");
        if (!problems.isEmpty()) return poison(record, position, String.join("; ", problems));

        Command data;
        switch (codec.commands().decodeEvent(type.get(), version, record.value())) {
            case DecodedCommand.Valid valid -> data = valid.data();
            case DecodedCommand.Malformed malformed -> {
                return poison(record, position, "the value is not a " + type.get().name() + ": " + describe(malformed));
            }
        }
        // The key and the subject route and order the aggregate's events; a record that disagrees with its data is
        // not one Precinct wrote.
        if (!data.aggregateId().equals(headers.get(SUBJECT)))
            problems.add(SUBJECT + " " + headers.get(SUBJECT) + " is not the aggregate id " + data.aggregateId());
        if (!data.aggregateId().equals(record.key()))
            problems.add("the key " + record.key() + " is not the aggregate id " + data.aggregateId());
        if (!problems.isEmpty()) return poison(record, position, String.join("; ", problems));

        return new RecordedEvent(new EventEnvelope(eventId, type.get(), data, headers.get(SOURCE), time,
                correlationId, commandId, issuedBy, headers.get(TRACEPARENT)), position);
    }

    /** The record's schema version: 1 when it has none (it was written before versions were). */
    private static int schemaVersion(Headers headers, List<String> problems) {
        var header = headers.lastHeader(SCHEMA_VERSION);
        if (header == null || header.value() == null) return 1;
        var text = new String(header.value(), StandardCharsets.UTF_8);
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) return version;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(SCHEMA_VERSION + " " + text + " is not a version (1, 2, …)");
        return 1;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the last header of each required name that has one. */
    private static Map<String, String> lastValues(Headers headers) {
        var values = new HashMap<String, String>();
        for (var name : REQUIRED) {
            var header = headers.lastHeader(name);
            if (header != null && header.value() != null)
                values.put(name, new String(header.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        var mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals(JSON);
    }

    private static <T> T parse(Map<String, String> headers, String name, Function<String, T> parser,
                               List<String> problems) {
        try {
            return parser.apply(headers.get(name));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(name + " " + headers.get(name) + " is invalid: " + e.getMessage());
            return null;
        }
    }

    private static String describe(DecodedCommand.Malformed malformed) {
        if (malformed.violations().isEmpty()) return malformed.detail();
        return malformed.detail() + " (" + malformed.violations().stream()
                .map(v -> v.field() + " " + v.message()).collect(Collectors.joining(", ")) + ")";
    }

    private static PoisonRecord poison(RawRecord record, EventPosition position, String reason) {
        return new PoisonRecord(position, record, reason);
    }
}
