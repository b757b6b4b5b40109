-- The officer read model, one row per badge.
CREATE TABLE officers (
    badge_number        text        PRIMARY KEY,
    first_name          text        NOT NULL,
    last_name           text        NOT NULL,
    rank                text        NOT NULL,
    unit                text        NOT NULL,
    duty_status         text        NOT NULL,
    current_incident_id text,
    registered_at       timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL
);

-- The final outcome of every projected command, shared by all projections.
CREATE TABLE command_status (
    correlation_id uuid        PRIMARY KEY,
    command_id     text        NOT NULL UNIQUE,
    command_type   text        NOT NULL,
    status         text        NOT NULL,
    reason         text,
    resource       text        NOT NULL,
    issued_by      text        NOT NULL,
    accepted_at    timestamptz NOT NULL,
    applied_at     timestamptz NOT NULL
);

-- The next offset each projection reads per topic partition.
CREATE TABLE projection_checkpoints (
    projection  text   NOT NULL,
    topic       text   NOT NULL,
    partition   int    NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (projection, topic, partition)
);

-- Claimed command ids; the acceptance columns stay null until the claim is completed.
CREATE TABLE idempotency_keys (
    command_id      text        PRIMARY KEY,
    fingerprint     text        NOT NULL,
    lease_ends      timestamptz NOT NULL,
    correlation_id  uuid,
    command_type    text,
    resource        text,
    event_topic     text,
    event_partition int,
    event_offset    bigint,
    accepted_at     timestamptz,
    -- a completion is all or nothing, so a completed row always rebuilds a whole acceptance
    CONSTRAINT acceptance_is_whole CHECK (
        num_nulls(correlation_id, command_type, resource, event_topic, event_partition, event_offset, accepted_at)
        IN (0, 7))
);
