-- Substring search on places.search_text and resources.search_text: a trigram index where the
-- server has pg_trgm (PostgreSQL). The embedded PGlite build has no pg_trgm: there the search
-- scans the rows left by the other filters, which is fine at its scale.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX places_search_trgm_idx ON places USING gin (search_text gin_trgm_ops);
    CREATE INDEX resources_search_trgm_idx ON resources USING gin (search_text gin_trgm_ops);
  END IF;
END
$$;
