-- What a group draws on a map: points, lines, polygons (freehand shapes and circles arrive as
-- polygons; `mode` keeps the drawing tool's name so the editor can reopen them as drawn) and
-- text labels (points of kind 'label'). symbol is a key of the map's legend. version counts
-- edits: an edit or delete based on an older version is refused (409), never applied.
-- Limits (also checked by the API with clear messages): 2,000 vertices per feature here,
-- 5,000 features per map in the API (under the map row's lock).
CREATE TABLE map_features (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  map_id uuid NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('point', 'line', 'polygon', 'label')),
  mode text CHECK (mode ~ '^[a-z][a-z-]{0,31}$'),
  symbol text NOT NULL CHECK (symbol ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  title text CHECK (length(title) BETWEEN 1 AND 200),
  note text CHECK (length(note) <= 2000),
  story text CHECK (length(story) <= 20000),
  geom geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom)) CHECK (ST_NPoints(geom) <= 2000),
  status text NOT NULL DEFAULT 'published' CHECK (
    status IN ('pending', 'published', 'hidden', 'rejected')
  ),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  participant_id uuid REFERENCES map_participants (id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (
    CASE kind
      WHEN 'line' THEN GeometryType(geom) = 'LINESTRING'
      WHEN 'polygon' THEN GeometryType(geom) = 'POLYGON'
      ELSE GeometryType(geom) = 'POINT'
    END
  ),
  CHECK (kind <> 'label' OR title IS NOT NULL)
);

CREATE INDEX map_features_map_idx ON map_features (map_id, seq);
CREATE INDEX map_features_geom_idx ON map_features USING gist (geom);
CREATE INDEX map_features_author_idx ON map_features (author_id);
CREATE INDEX map_features_status_idx ON map_features (status, seq);

-- Photos of a feature's story. The files (re-encoded, metadata stripped, and a thumbnail) live
-- under DATA_DIR/photos/<map id>/; a row exists only once both files are written.
CREATE TABLE map_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  map_id uuid NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
  feature_id uuid NOT NULL REFERENCES map_features (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('jpeg', 'png', 'webp')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes integer NOT NULL CHECK (bytes > 0),
  thumb_width integer NOT NULL CHECK (thumb_width > 0),
  thumb_height integer NOT NULL CHECK (thumb_height > 0),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  participant_id uuid REFERENCES map_participants (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX map_photos_feature_idx ON map_photos (feature_id, created_at);
CREATE INDEX map_photos_map_idx ON map_photos (map_id);
CREATE INDEX map_photos_author_idx ON map_photos (author_id);
