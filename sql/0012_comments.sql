-- Comments on places and resources: one level of replies (a reply's parent is a top-level
-- comment, checked by the API), an optional reaction, author or pseudonym, moderation status.
-- One target column per kind, so deleting a place or resource deletes its comments.
CREATE TABLE comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  place_id uuid REFERENCES places (id) ON DELETE CASCADE,
  resource_id uuid REFERENCES resources (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES comments (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  reaction text CHECK (reaction IN ('like', 'love', 'thanks', 'idea', 'sad', 'memory')),
  status text NOT NULL DEFAULT 'pending' CHECK (
    status IN ('pending', 'published', 'hidden', 'rejected')
  ),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  pseudonym text CHECK (length(pseudonym) BETWEEN 2 AND 40),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (num_nonnulls(place_id, resource_id) = 1)
);

CREATE INDEX comments_place_idx ON comments (place_id, seq);
CREATE INDEX comments_resource_idx ON comments (resource_id, seq);
CREATE INDEX comments_parent_idx ON comments (parent_id);
CREATE INDEX comments_status_idx ON comments (status, seq);
CREATE INDEX comments_author_idx ON comments (author_id);
