-- Content versions of the vector-tile layers (tiles/layers.ts). Every statement that writes a
-- table a layer reads bumps that table's row here, in the same transaction: a tile's ETag, built
-- from the version, changes exactly when the layer's content may have changed, and no reader
-- ever sees a new version with old content (or the reverse). Statement-level triggers: one bump
-- per statement, however many rows it writes (an import of 100,000 places bumps once).
CREATE TABLE tile_versions (
  source text PRIMARY KEY CHECK (source ~ '^[a-z_]{1,64}$'),
  version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO tile_versions (source) VALUES ('areas'), ('places'), ('resources'), ('need_signals');

CREATE FUNCTION bump_tile_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tile_versions SET version = version + 1, updated_at = now() WHERE source = TG_TABLE_NAME;
  RETURN NULL;
END
$$;

CREATE TRIGGER areas_tile_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version();
CREATE TRIGGER places_tile_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places
  FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version();
CREATE TRIGGER resources_tile_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resources
  FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version();
CREATE TRIGGER need_signals_tile_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON need_signals FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version();
