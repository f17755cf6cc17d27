-- Need signals (segnalazioni di bisogno): observations recorded by antennas. PRIVATE: the exact
-- point never leaves the server except to its author and admins (DESIGN.md); everyone else reads
-- counts per area or hexagon. The area keys are filled in by the database at write time
-- (0021_need_signal_areas.sql), so aggregates never need point-in-polygon at read time.
-- author_id: NULL for synthetic rows and once the author's account is erased (the observation
-- stays, without its author). origin separates generated rows (tests, benchmarks) from field data.
CREATE TABLE need_signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  theme text NOT NULL CHECK (
    theme IN ('food', 'housing', 'work', 'family', 'health', 'education', 'digital',
              'social_ties', 'legal_debt', 'other')
  ),
  severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
  note text CHECK (length(note) <= 2000),
  observed_on date NOT NULL,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  origin text NOT NULL DEFAULT 'field' CHECK (origin IN ('field', 'synthetic')),
  -- A client's Idempotency-Key: a retried submission returns the signal already stored.
  client_key text CHECK (length(client_key) BETWEEN 1 AND 128),
  geom geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  zone_id text REFERENCES areas (id),
  district_id text REFERENCES areas (id),
  municipality_id text REFERENCES areas (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (author_id, client_key)
);

CREATE INDEX need_signals_geom_idx ON need_signals USING gist (geom);
CREATE INDEX need_signals_author_idx ON need_signals (author_id, created_at DESC, id);
CREATE INDEX need_signals_created_idx ON need_signals (created_at DESC, id);
-- Aggregates group by one area key, optionally filtered by theme and week range.
CREATE INDEX need_signals_zone_idx ON need_signals (zone_id, theme, observed_on);
CREATE INDEX need_signals_district_idx ON need_signals (district_id, theme, observed_on);
CREATE INDEX need_signals_municipality_idx ON need_signals (municipality_id, theme, observed_on);
