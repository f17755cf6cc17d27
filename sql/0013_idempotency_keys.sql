-- Idempotency-Key for creating requests: a retried submission (kiosk back online, double tap)
-- answers the stored response instead of storing twice. principal is 'user:<uuid>' or
-- 'client:<HMAC of the client address>'; request_hash is the SHA-256 of method, path and body.
-- status NULL while the first request is still running. Rows older than 24 h are ignored and
-- purged on the way.
CREATE TABLE idempotency_keys (
  principal text NOT NULL CHECK (length(principal) <= 100),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  status integer,
  content_type text,
  body text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (principal, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
