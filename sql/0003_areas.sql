-- Areas of the territory: municipalities, Turin's districts (circoscrizioni) and statistical
-- zones (zone statistiche). Ids are stable and readable (zone-09bis, district-3,
-- municipality-001272) so links to an area survive a reload of the data.
CREATE TABLE areas (
  id text PRIMARY KEY CHECK (id ~ '^[a-z]+-[0-9a-z]+$'),
  kind text NOT NULL CHECK (kind IN ('municipality', 'district', 'zone')),
  code text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  parent_id text REFERENCES areas (id),
  population integer CHECK (population >= 0),
  indicators jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(indicators) = 'object'),
  source text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, code)
);

CREATE INDEX areas_geom_idx ON areas USING gist (geom);
CREATE INDEX areas_parent_idx ON areas (parent_id);
