-- A claim is held by a token that its claimant presents to complete or end it, so a claimant whose lease ran out
-- and was taken over cannot complete or release the new owner's claim (NULL while nobody holds an unresolved id,
-- and for completed rows of before this version).
ALTER TABLE idempotency_keys ADD COLUMN claim_token uuid;
-- When the current claim was made.
ALTER TABLE idempotency_keys ADD COLUMN claimed_at timestamptz;
-- Set once an attempt may have published without knowing it (its publish had an unknown outcome, or it was taken
-- over after its lease): the earliest such attempt's claim time, from which a later claimant searches the log.
ALTER TABLE idempotency_keys ADD COLUMN unresolved_since timestamptz;

-- Claims in progress from before this version: their claimants are unknown, so whoever takes them over searches
-- the log from well before their lease.
UPDATE idempotency_keys SET claimed_at = lease_ends - interval '10 minutes' WHERE correlation_id IS NULL;
UPDATE idempotency_keys SET claimed_at = accepted_at WHERE correlation_id IS NOT NULL;
ALTER TABLE idempotency_keys ALTER COLUMN claimed_at SET NOT NULL;
