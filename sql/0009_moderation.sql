-- Moderation: reports ("segnala") on content items of any kind, and the instance settings the
-- moderators change. Content tables carry their own status column
-- (pending / published / hidden / rejected); this is the part shared by every kind.

-- One report per reporter per item: reporter_key is 'user:<uuid>' for people signed in, and
-- 'client:<HMAC of the client address>' for visitors, so no address is stored.
CREATE TABLE reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{1,32}$'),
  item_id text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 128),
  reporter_key text NOT NULL CHECK (reporter_key ~ '^(user|client):[0-9a-f-]{32,64}$'),
  reporter_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Set when a moderator reviews the item: later reports start a new count.
  resolved_at timestamptz,
  UNIQUE (kind, item_id, reporter_key)
);

CREATE INDEX reports_open_idx ON reports (kind, item_id) WHERE resolved_at IS NULL;
CREATE INDEX reports_reporter_idx ON reports (reporter_id);

-- Instance settings, one JSON value per key.
CREATE TABLE settings (
  key text PRIMARY KEY CHECK (key ~ '^[a-z_]{1,64}$'),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (key, value) VALUES
  ('moderation', '{"residentsPublishDirectly": true}'),
  -- The key that turns client addresses into reporter keys: random per installation.
  ('client_key', to_jsonb(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')));
