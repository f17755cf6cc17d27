-- Accounts. Roles: resident (registered), facilitator, antenna, planner, moderator, admin;
-- a visitor is anyone without an account. Emails are stored lower-cased, so the unique key is
-- case-insensitive. password_hash is an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$…).
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  role text NOT NULL CHECK (
    role IN ('resident', 'facilitator', 'antenna', 'planner', 'moderator', 'admin')
  ),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

CREATE INDEX users_role_idx ON users (role);
