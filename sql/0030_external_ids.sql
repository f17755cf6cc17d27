-- Bulk import and demo content (api/import, api/demo): where a place or resource came from.
-- source names the import ("comune-beinasco-2024", "demo"); external_id is the row's id in that
-- source, so importing the same file again updates rows instead of duplicating them. Both are
-- NULL for content made in the app; UNIQUE (source, external_id) leaves those rows alone (NULLs
-- are distinct). attribution keeps the licence line of imported open data (ODbL, CC BY).
ALTER TABLE places
  ADD COLUMN source text CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,49}$'),
  ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
  ADD COLUMN attribution text CHECK (length(attribution) <= 300),
  ADD CONSTRAINT places_external_id_needs_source CHECK ((source IS NULL) = (external_id IS NULL)),
  ADD CONSTRAINT places_source_external_id_key UNIQUE (source, external_id);

ALTER TABLE resources
  ADD COLUMN source text CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,49}$'),
  ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
  ADD COLUMN attribution text CHECK (length(attribution) <= 300),
  ADD CONSTRAINT resources_external_id_needs_source CHECK (
    (source IS NULL) = (external_id IS NULL)
  ),
  ADD CONSTRAINT resources_source_external_id_key UNIQUE (source, external_id);
