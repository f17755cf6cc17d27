-- Append-only audit log: one row per change by anyone (create, edit, moderate, erase).
-- Actors and targets are ids, never emails or names, so erasing a person leaves no trace of
-- them here. No foreign keys: rows outlive what they point at. The trigger refuses UPDATE,
-- DELETE and TRUNCATE for every role that connects, the application's included; on a server,
-- also grant the application's role only INSERT and SELECT on this table.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  actor_role text NOT NULL CHECK (length(actor_role) BETWEEN 1 AND 32),
  action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
  target_kind text NOT NULL CHECK (length(target_kind) BETWEEN 1 AND 64),
  target_id text CHECK (length(target_id) <= 128),
  reason text CHECK (length(reason) <= 2000),
  before jsonb,
  after jsonb
);

CREATE INDEX audit_log_target_idx ON audit_log (target_kind, target_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
