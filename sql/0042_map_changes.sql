-- The change log of each map, read by the live stream (GET /api/maps/{id}/events): every change
-- gets the map's next seq (maps.last_seq, taken under the map row's lock in the writing
-- transaction), so seq order is commit order and a reader who has seen seq N has seen every
-- change before it. A dropped connection resumes from its Last-Event-ID by reading seq > N.
-- When a feature is deleted or hidden, its earlier entries are removed: the log never keeps
-- content that is gone (seq then has gaps, which readers do not mind).
-- members_only: entries about participants, sent only to the map's group.
CREATE TABLE map_changes (
  map_id uuid NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  seq bigint NOT NULL CHECK (seq >= 1),
  type text NOT NULL CHECK (type ~ '^[a-z]+\.[a-z]+$'),
  feature_id uuid,
  entity_id uuid,
  members_only boolean NOT NULL DEFAULT false,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (map_id, seq)
);

CREATE INDEX map_changes_feature_idx ON map_changes (feature_id) WHERE feature_id IS NOT NULL;
CREATE INDEX map_changes_entity_idx ON map_changes (entity_id) WHERE entity_id IS NOT NULL;
