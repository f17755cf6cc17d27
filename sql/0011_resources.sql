-- Resources of the network: services, associations, activities. Names follow Open Referral
-- HSDS 3.0 where they fit (organization_name, email, url, eligibility_description,
-- assured_date, schedules as weekday rows, service_area). themes are keys of the shared
-- vocabulary (api/vocabulary/vocabulary.ts). Same search/seq/version scheme as places.
CREATE TABLE resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 5000),
  themes text[] NOT NULL CHECK (
    cardinality(themes) BETWEEN 1 AND 10
    AND themes <@ ARRAY[
      'food', 'housing', 'work', 'family', 'health', 'education', 'digital', 'social_ties',
      'legal_debt', 'other'
    ]::text[]
  ),
  organization_name text CHECK (length(organization_name) <= 200),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 50),
  url text CHECK (length(url) <= 500),
  -- [{ "weekday": "MO", "opensAt": "09:00", "closesAt": "12:30", "description": "…" }, …]
  schedule jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(schedule) = 'array'),
  eligibility_description text CHECK (length(eligibility_description) <= 2000),
  languages text[] NOT NULL DEFAULT '{}',
  accessibility text CHECK (length(accessibility) <= 2000),
  address text CHECK (length(address) <= 300),
  geom geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  service_area geometry(MultiPolygon, 4326) CHECK (ST_IsValid(service_area)),
  assured_date date,
  status text NOT NULL DEFAULT 'pending' CHECK (
    status IN ('pending', 'published', 'hidden', 'rejected')
  ),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX resources_geom_idx ON resources USING gist (geom);
CREATE INDEX resources_service_area_idx ON resources USING gist (service_area);
CREATE INDEX resources_status_seq_idx ON resources (status, seq);
CREATE INDEX resources_themes_idx ON resources USING gin (themes);
CREATE INDEX resources_author_idx ON resources (author_id);
