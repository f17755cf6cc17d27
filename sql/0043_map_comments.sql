-- Comments (and their reactions) on maps and on drawn features, in the one comment system
-- (api/comments): one more target column per kind. map_participant_id: the map participant
-- who wrote it (no account), so the group's comments carry their pseudonym.
ALTER TABLE comments
  ADD COLUMN map_id uuid REFERENCES maps (id) ON DELETE CASCADE,
  ADD COLUMN map_feature_id uuid REFERENCES map_features (id) ON DELETE CASCADE,
  ADD COLUMN map_participant_id uuid REFERENCES map_participants (id) ON DELETE SET NULL;

ALTER TABLE comments DROP CONSTRAINT comments_check;
ALTER TABLE comments ADD CONSTRAINT comments_one_target
  CHECK (num_nonnulls(place_id, resource_id, map_id, map_feature_id) = 1);

CREATE INDEX comments_map_idx ON comments (map_id, seq);
CREATE INDEX comments_map_feature_idx ON comments (map_feature_id, seq);
