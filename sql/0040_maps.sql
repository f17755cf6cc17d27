-- Unconventional maps (mappe non convenzionali, issue 7): drawn by a group in a focus group.
-- A facilitator owns the map; its legend is the group's own symbols, kept as a JSON array on the
-- map (checked by the API: api/maps/legend.ts). visibility: private (the group only), unlisted
-- (anyone with the link, never in lists), public (listed, in tiles and OGC API). status is the
-- moderation status shared with other content. last_seq is the map's change counter: every
-- change takes the next number under the map row's lock (sql/0042_map_changes.sql).
-- join_code: 6 characters of an alphabet without look-alikes (no I, L, O, 0, 1), shown on
-- screen; link_token_hash: SHA-256 of the invitation link's token (the token is never stored).
CREATE TABLE maps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 5000),
  meeting_place text CHECK (length(meeting_place) <= 300),
  meeting_point geometry(Point, 4326) CHECK (ST_IsValid(meeting_point)),
  met_on date,
  language text NOT NULL DEFAULT 'it' CHECK (language ~ '^[a-z]{2,3}$'),
  visibility text NOT NULL DEFAULT 'private' CHECK (
    visibility IN ('private', 'unlisted', 'public')
  ),
  legend jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(legend) = 'array'),
  status text NOT NULL DEFAULT 'published' CHECK (
    status IN ('pending', 'published', 'hidden', 'rejected')
  ),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  join_code text UNIQUE CHECK (join_code ~ '^[A-HJKMNP-Z2-9]{6}$'),
  join_code_expires_at timestamptz,
  link_token_hash text UNIQUE CHECK (link_token_hash ~ '^[0-9a-f]{64}$'),
  link_created_at timestamptz,
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((join_code IS NULL) = (join_code_expires_at IS NULL))
);

CREATE INDEX maps_listed_idx ON maps (seq) WHERE visibility = 'public' AND status = 'published';
CREATE INDEX maps_owner_idx ON maps (owner_id, seq);
CREATE INDEX maps_status_idx ON maps (status, seq);
CREATE INDEX maps_meeting_point_idx ON maps USING gist (meeting_point);

-- People who joined a map by link or code, with a pseudonym and no account. The participant
-- token (a cookie scoped to the map, or a header) is stored as its SHA-256 only. Removal sets
-- removed_at: the token stops working at once; what they drew stays under their pseudonym.
CREATE TABLE map_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  map_id uuid NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  pseudonym text NOT NULL CHECK (length(pseudonym) BETWEEN 2 AND 40),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  joined_via text NOT NULL CHECK (joined_via IN ('link', 'code')),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  removed_at timestamptz
);

CREATE INDEX map_participants_map_idx ON map_participants (map_id, created_at);
-- Two active participants of one map cannot share a pseudonym (any case).
CREATE UNIQUE INDEX map_participants_pseudonym_idx ON map_participants (map_id, lower(pseudonym))
  WHERE removed_at IS NULL;

-- Failed attempts to join with a code or link, per client (HMAC of the address, never the
-- address): guessing codes is limited (api/maps/participants.repository.ts).
CREATE TABLE map_join_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_key text NOT NULL CHECK (length(client_key) <= 100),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX map_join_attempts_key_at_idx ON map_join_attempts (client_key, at);
CREATE INDEX map_join_attempts_at_idx ON map_join_attempts (at);
