-- Materials as real documents (issue 24). See PostgreSql/0022_material_files.sql for the notes.
CREATE TABLE window_material_files (
    file_id      TEXT    NOT NULL PRIMARY KEY,
    talent_id    TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    pages        INTEGER NULL,
    chunks       INTEGER NOT NULL,
    stored_at    TEXT    NOT NULL,
    purged_at    TEXT    NULL
);
CREATE UNIQUE INDEX window_material_files_content ON window_material_files (talent_id, sha256) WHERE purged_at IS NULL;

CREATE TABLE window_material_chunks (
    file_id TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (file_id, seq)
);

CREATE TABLE window_material_links (
    case_id     TEXT NOT NULL,
    material_id TEXT NOT NULL,
    file_id     TEXT NOT NULL,
    talent_id   TEXT NOT NULL,
    attached_at TEXT NOT NULL,
    attached_by TEXT NOT NULL,
    valid_until TEXT NULL,
    PRIMARY KEY (case_id, material_id, file_id)
) WITHOUT ROWID;
CREATE INDEX window_material_links_talent ON window_material_links (talent_id, material_id, attached_at);
CREATE INDEX window_material_links_file ON window_material_links (file_id);

CREATE TABLE window_material_uploads (
    user_id         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    case_id         TEXT NOT NULL,
    material_id     TEXT NOT NULL,
    file_id         TEXT NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
) WITHOUT ROWID;

CREATE TABLE window_material_journal (
    entry_id    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT    NOT NULL,
    material_id TEXT    NOT NULL,
    file_id     TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    action      TEXT    NOT NULL
);
CREATE INDEX window_material_journal_case ON window_material_journal (case_id, at);
