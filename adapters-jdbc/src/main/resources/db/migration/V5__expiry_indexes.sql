-- Old idempotency keys and command statuses are deleted in small batches (Expiry): each batch finds its rows by
-- these columns, so a round reads the old rows only, never the whole table.
-- A key is old once its last lease (or hold) ended before the cutoff; a held claim's lease is still running.
CREATE INDEX idempotency_keys_by_lease_ends ON idempotency_keys (lease_ends);
-- A status is old once it was decided before the cutoff.
CREATE INDEX command_status_by_applied_at ON command_status (applied_at);
