-- Staff accounts and departments, managed by administrators; ASP.NET Core data-protection keys (so that a
-- sign-in cookie issued by one host is read by every host of the same database).
CREATE TABLE window_departments (
    department_id varchar(64)  NOT NULL PRIMARY KEY,
    name_zh       varchar(100) NOT NULL,
    name_en       varchar(100) NOT NULL,
    active        boolean      NOT NULL DEFAULT true
);

CREATE TABLE window_users (
    username        varchar(64)  NOT NULL PRIMARY KEY,
    display_name    varchar(100) NOT NULL,
    role            varchar(20)  NOT NULL CHECK (role IN ('desk', 'officer', 'department', 'supervisor', 'admin')),
    department_id   varchar(64)  NULL REFERENCES window_departments (department_id),
    password_hash   varchar(200) NOT NULL,
    failed_attempts integer      NOT NULL DEFAULT 0,
    locked_until    timestamptz  NULL,
    active          boolean      NOT NULL DEFAULT true,
    created_at      timestamptz  NOT NULL,
    CHECK ((role = 'department') = (department_id IS NOT NULL))
);

CREATE INDEX window_users_role ON window_users (role, department_id);

CREATE TABLE window_dataprotection_keys (
    name    varchar(200) NOT NULL PRIMARY KEY,
    xml     text         NOT NULL,
    created timestamptz  NOT NULL
);
