-- Content version of the `maps` vector-tile layer (tiles/layers.ts), which reads the view
-- public_map_features (sql/0044): it moves, in the same transaction, whenever what the view
-- shows may have changed — a drawing of a public map added, changed or removed, or a map
-- entering or leaving the public (visibility, moderation status), or its title or legend (the
-- view resolves symbol labels and colours) changing. Writes to private and unlisted maps leave
-- it alone: a public version must say nothing about them.
INSERT INTO tile_versions (source) VALUES ('maps');

CREATE FUNCTION bump_maps_tile_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tile_versions SET version = version + 1, updated_at = now() WHERE source = 'maps';
  RETURN NULL;
END
$$;

-- A map's row. Every change to its drawings made by the API also updates the row (last_seq,
-- taken under the row's lock), so drawings are followed here too; the triggers on map_features
-- below catch any other write.
CREATE TRIGGER maps_tile_version_insert AFTER INSERT ON maps FOR EACH ROW
  WHEN (NEW.visibility = 'public' AND NEW.status = 'published')
  EXECUTE FUNCTION bump_maps_tile_version();
CREATE TRIGGER maps_tile_version_update AFTER UPDATE ON maps FOR EACH ROW
  WHEN ((OLD.visibility = 'public' AND OLD.status = 'published')
        OR (NEW.visibility = 'public' AND NEW.status = 'published'))
  EXECUTE FUNCTION bump_maps_tile_version();
CREATE TRIGGER maps_tile_version_delete AFTER DELETE ON maps FOR EACH ROW
  WHEN (OLD.visibility = 'public' AND OLD.status = 'published')
  EXECUTE FUNCTION bump_maps_tile_version();

-- Drawings, one bump per statement (an import of 5,000 drawings bumps once), and only when a
-- row written belongs to a public, published map.
CREATE FUNCTION bump_maps_tile_version_for_features() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM written_features w JOIN maps m ON m.id = w.map_id
    WHERE m.visibility = 'public' AND m.status = 'published'
  ) THEN
    UPDATE tile_versions SET version = version + 1, updated_at = now() WHERE source = 'maps';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER map_features_tile_version_insert AFTER INSERT ON map_features
  REFERENCING NEW TABLE AS written_features
  FOR EACH STATEMENT EXECUTE FUNCTION bump_maps_tile_version_for_features();
CREATE TRIGGER map_features_tile_version_update AFTER UPDATE ON map_features
  REFERENCING NEW TABLE AS written_features
  FOR EACH STATEMENT EXECUTE FUNCTION bump_maps_tile_version_for_features();
CREATE TRIGGER map_features_tile_version_delete AFTER DELETE ON map_features
  REFERENCING OLD TABLE AS written_features
  FOR EACH STATEMENT EXECUTE FUNCTION bump_maps_tile_version_for_features();
