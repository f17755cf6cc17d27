-- Places of community (luoghi della comunità): added by residents and visitors, moderated.
-- category is a key of the shared vocabulary (api/vocabulary/vocabulary.ts, GET /api/vocabulary).
-- search_text is name + description lower-cased with diacritics stripped (written by the API:
-- PGlite has no unaccent), so "Citta" finds "Città". seq orders lists and cursors (newest
-- first); id is what clients see. version counts edits, for If-Match.
CREATE TABLE places (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  category text NOT NULL CHECK (
    category IN (
      'casa_del_quartiere', 'negozio_amico', 'orto_giardino', 'biblioteca', 'scuola',
      'oratorio', 'bar_edicola', 'sala_comunale', 'spazio_aperto', 'altro'
    )
  ),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 5000),
  story text CHECK (length(story) <= 20000),
  address text CHECK (length(address) <= 300),
  geom geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  status text NOT NULL DEFAULT 'pending' CHECK (
    status IN ('pending', 'published', 'hidden', 'rejected')
  ),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  pseudonym text CHECK (length(pseudonym) BETWEEN 2 AND 40),
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX places_geom_idx ON places USING gist (geom);
CREATE INDEX places_status_seq_idx ON places (status, seq);
CREATE INDEX places_category_idx ON places (category);
CREATE INDEX places_author_idx ON places (author_id);
