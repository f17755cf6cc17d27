-- Indexes that only ever answer "the rows with a value here": searches by author (erasure, "my
-- contributions", the users foreign key) and by service area never look for NULL. A full index
-- still stores an entry for every NULL, and every insert pays for it — a GiST entry for a NULL
-- service area costs about as much as one for a point. Most resources have no service area,
-- and rows loaded by imports from the command line and by the demo loader have no author.
-- A partial index answers the same queries: `author_id = $1` and `service_area && $1` imply
-- IS NOT NULL, which the planner proves.
DROP INDEX resources_service_area_idx;
CREATE INDEX resources_service_area_idx ON resources USING gist (service_area)
  WHERE service_area IS NOT NULL;

DROP INDEX resources_author_idx;
CREATE INDEX resources_author_idx ON resources (author_id) WHERE author_id IS NOT NULL;

DROP INDEX places_author_idx;
CREATE INDEX places_author_idx ON places (author_id) WHERE author_id IS NOT NULL;
