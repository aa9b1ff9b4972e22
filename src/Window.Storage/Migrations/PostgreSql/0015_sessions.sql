-- Server-side sessions (issue 16). A sign-in cookie names a row here; every request checks that the row is neither
-- revoked nor past its absolute end and that the account's security stamp still equals the one the session began
-- with. The stamp changes when the password, role, department or active flag changes, and on "sign out everywhere",
-- so one UPDATE of window_users ends every session of the account on every host.
ALTER TABLE window_users ADD COLUMN security_stamp varchar(64) NOT NULL DEFAULT '';

CREATE TABLE window_sessions (
    session_id varchar(64) NOT NULL PRIMARY KEY,
    username   varchar(64) NOT NULL,
    -- NULL for a sign-in through the identity provider by someone without a local account: only revocation and
    -- the absolute end apply to it.
    stamp      varchar(64) NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);

CREATE INDEX window_sessions_user ON window_sessions (username);

-- Failed sign-ins per source (a SHA-256 of client address and user name), so that guessing from one place backs
-- that place off without locking the account for everyone else.
CREATE TABLE window_sign_in_sources (
    source       varchar(64) NOT NULL PRIMARY KEY,
    failures     integer     NOT NULL,
    last_attempt timestamptz NOT NULL,
    locked_until timestamptz NULL
);
