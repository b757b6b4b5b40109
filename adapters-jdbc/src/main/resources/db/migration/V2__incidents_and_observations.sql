-- Keys that lists page by are compared byte-wise (COLLATE "C"), whatever the database's locale: the order of the
-- keyset pages is then the order of Java's String.compareTo for every key Precinct issues (ASCII badge numbers,
-- UUIDs), exactly as in the in-memory stores, and a cursor's key compares the same way as the index's.

-- The incident projection owns assignments (officer_assignments below); officer queries join them in.
ALTER TABLE officers DROP COLUMN current_incident_id;
ALTER TABLE officers ALTER COLUMN badge_number TYPE text COLLATE "C";
CREATE INDEX officers_by_duty_status ON officers (duty_status, badge_number);
CREATE INDEX officers_by_unit ON officers (unit, badge_number);

-- The incident read model, one row per incident.
CREATE TABLE incidents (
    incident_id     text COLLATE "C" PRIMARY KEY,
    category        text             NOT NULL,
    priority        text             NOT NULL,
    status          text             NOT NULL,
    lat             double precision NOT NULL,
    lon             double precision NOT NULL,
    address         text,
    description     text             NOT NULL,
    -- in the order the officers were assigned
    assigned_badges text[]           NOT NULL,
    reported_at     timestamptz      NOT NULL,
    closed_at       timestamptz,
    resolution      text,
    version         bigint           NOT NULL
);
-- Lists show the newest report first, ties by incident id, descending; each filter has its own index in that order.
CREATE INDEX incidents_newest_first ON incidents (reported_at DESC, incident_id DESC);
CREATE INDEX incidents_by_status ON incidents (status, reported_at DESC, incident_id DESC);
CREATE INDEX incidents_by_priority ON incidents (priority, reported_at DESC, incident_id DESC);

-- Each officer's current incident, derived from the incident rows in the same transaction that writes them: the
-- latest open incident that assigned the officer, until that incident closes. No row: no current incident.
CREATE TABLE officer_assignments (
    badge_number text COLLATE "C" PRIMARY KEY,
    incident_id  text COLLATE "C" NOT NULL
);

-- The observation read model, one row per observation. An observation's location has no address.
CREATE TABLE observations (
    observation_id text COLLATE "C" PRIMARY KEY,
    kind           text             NOT NULL,
    observed_at    timestamptz      NOT NULL,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    badge_number   text COLLATE "C",
    incident_id    text COLLATE "C",
    plate          text,
    notes          text,
    recorded_at    timestamptz      NOT NULL
);
-- Lists show the newest observation first, ties by observation id, descending; also per officer and per incident.
CREATE INDEX observations_newest_first ON observations (observed_at DESC, observation_id DESC);
CREATE INDEX observations_by_badge ON observations (badge_number, observed_at DESC, observation_id DESC);
CREATE INDEX observations_by_incident ON observations (incident_id, observed_at DESC, observation_id DESC);
