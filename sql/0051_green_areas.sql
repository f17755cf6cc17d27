-- Parks and gardens for the offline basemap (fixtures/osm/green.geojson, © OpenStreetMap
-- contributors, ODbL), loaded once by api/basemap/green.ts and served as the `green` tile layer.
-- id is the feature's position in the file (the OSM extract carries no id of its own).
CREATE TABLE green_areas (
  id integer PRIMARY KEY CHECK (id >= 0),
  name text CHECK (length(name) BETWEEN 1 AND 200),
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);

CREATE INDEX green_areas_geom_idx ON green_areas USING gist (geom);

INSERT INTO tile_versions (source) VALUES ('green_areas');

CREATE TRIGGER green_areas_tile_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON green_areas FOR EACH STATEMENT EXECUTE FUNCTION bump_tile_version();
