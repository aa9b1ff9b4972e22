-- Staff accounts and departments, managed by administrators; ASP.NET Core data-protection keys (so that a
-- sign-in cookie issued by one host is read by every host of the same database).
CREATE TABLE window_departments (
    department_id TEXT NOT NULL PRIMARY KEY,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE window_users (
    username        TEXT    NOT NULL PRIMARY KEY,
    display_name    TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('desk', 'officer', 'department', 'supervisor', 'admin')),
    department_id   TEXT    NULL REFERENCES window_departments (department_id),
    password_hash   TEXT    NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT    NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    CHECK ((role = 'department') = (department_id IS NOT NULL))
);

CREATE INDEX window_users_role ON window_users (role, department_id);

CREATE TABLE window_dataprotection_keys (
    name    TEXT NOT NULL PRIMARY KEY,
    xml     TEXT NOT NULL,
    created TEXT NOT NULL
);
