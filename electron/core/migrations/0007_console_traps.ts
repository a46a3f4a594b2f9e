/**
 * Issue 14: a missed call is worked off a list until someone reaches the
 * caller. `settled_at` / `settled_by` record an agent closing it by hand
 * (reached another way, a wrong number); a later answered call with the same
 * number settles it by itself, so that needs no column. The number index
 * serves that lookup.
 */
export const consoleTrapsSql = `
ALTER TABLE calls ADD COLUMN settled_at TEXT;
ALTER TABLE calls ADD COLUMN settled_by TEXT;
CREATE INDEX calls_number_key ON calls (number_key, ring_at);
`;
