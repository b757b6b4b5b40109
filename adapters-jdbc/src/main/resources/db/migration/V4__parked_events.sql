-- Records a projection could not apply, and the later records of their aggregates parked behind them, kept as the
-- event log stored them until an operator re-drives or skips them. Written in the projection's transaction, with its
-- rows and checkpoints.
CREATE TABLE parked_events (
    projection     text        NOT NULL,
    aggregate_id   text        NOT NULL,
    topic          text        NOT NULL,
    partition      int         NOT NULL,
    "offset"       bigint      NOT NULL,
    record_key     text,
    record_value   bytea,
    -- the record's headers in their order: per header its name, then its value (or -1 when it has none), as
    -- java.io.DataOutput writes them, after the count of headers
    record_headers bytea       NOT NULL,
    reason         text        NOT NULL,
    parked_at      timestamptz NOT NULL,
    PRIMARY KEY (projection, topic, partition, "offset")
);

CREATE INDEX parked_events_by_aggregate ON parked_events (projection, aggregate_id, topic, partition, "offset");
