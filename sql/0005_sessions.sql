-- Sign-in sessions. The cookie holds 32 random bytes; only their SHA-256 (hex) is stored, so a
-- copy of this table cannot be replayed as cookies. Expiry slides: every use (touched at most
-- every few minutes) pushes expires_at forward. Deleting a user deletes their sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
