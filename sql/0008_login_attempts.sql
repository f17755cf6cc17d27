-- Sign-in attempts per account, for the brute-force limit (5 failures per account per minute,
-- whatever the client address). Kept in the database so the limit holds across processes.
-- A row is written before the password is checked (so parallel guesses count) and removed when
-- the password was right: what remains are failures. account_key is the SHA-256 (hex) of the
-- lower-cased email: the table never holds an email, even for accounts that do not exist.
CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_key text NOT NULL CHECK (account_key ~ '^[0-9a-f]{64}$'),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX login_attempts_key_at_idx ON login_attempts (account_key, at);
-- Rows past the window are deleted as new attempts come (any account's): this keeps it cheap.
CREATE INDEX login_attempts_at_idx ON login_attempts (at);
