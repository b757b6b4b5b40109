-- The custody example's own table: one row per custodian of an item of evidence, in order. App migrations are
-- numbered from 1000; Precinct keeps its own below.
CREATE TABLE custody_handovers (
    item_id   text        NOT NULL,
    seq       int         NOT NULL,
    custodian text        NOT NULL,
    since     timestamptz NOT NULL,
    PRIMARY KEY (item_id, seq)
);
