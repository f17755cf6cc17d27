-- Invitation links: bound to a role (and optionally to one email), expiring, revocable, usable
-- once. The link carries 32 random bytes; only their SHA-256 (hex) is stored.
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  role text NOT NULL CHECK (
    role IN ('resident', 'facilitator', 'antenna', 'planner', 'moderator', 'admin')
  ),
  email text CHECK (email = lower(email)),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (expires_at > created_at),
  -- Accepted and revoked are final and exclusive.
  CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);

CREATE INDEX invitations_created_by_idx ON invitations (created_by);
CREATE INDEX invitations_accepted_by_idx ON invitations (accepted_by);
