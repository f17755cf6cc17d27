-- Which bundled data sets (territory, demo content) have been loaded, so each loads once.
CREATE TABLE seeds (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  rows integer NOT NULL DEFAULT 0,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
