-- The commands whose events a projection applied (or rejected) without deciding their outcome: another read model
-- of the same topic decides it and records it in command_status. Kept per projection, so each drops a duplicate
-- event of a command it has seen.
CREATE TABLE projection_commands (
    projection text NOT NULL,
    command_id text NOT NULL,
    PRIMARY KEY (projection, command_id)
);
