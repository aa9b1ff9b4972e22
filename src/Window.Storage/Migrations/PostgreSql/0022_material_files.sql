-- Materials as real documents (issue 24): the files a talent hands in, encrypted, stored once per talent.
--
-- A file is content-addressed per talent (talent_id, sha256 of the clear bytes): the same scan handed in for two cases
-- is one file with two links (a purged file no longer counts: handed in again, it is stored anew). Its bytes are window_material_chunks rows of at most 256 KB each, every chunk sealed with
-- AES-GCM under a key derived from the master key and the file id (nothing in these tables is readable without it).
-- A purged file keeps its row (purged_at set, its chunks gone), so the journal still names what it was.
CREATE TABLE window_material_files (
    file_id      text        NOT NULL,
    talent_id    text        NOT NULL,
    sha256       text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    pages        integer     NULL,
    chunks       integer     NOT NULL,
    stored_at    timestamptz NOT NULL,
    purged_at    timestamptz NULL,
    CONSTRAINT window_material_files_pk PRIMARY KEY (file_id)
);
CREATE UNIQUE INDEX window_material_files_content ON window_material_files (talent_id, sha256) WHERE purged_at IS NULL;

CREATE TABLE window_material_chunks (
    file_id text    NOT NULL,
    seq     integer NOT NULL,
    data    bytea   NOT NULL,
    CONSTRAINT window_material_chunks_pk PRIMARY KEY (file_id, seq)
);

-- Which file stands for which material of which case; valid_until: how long it may be reused for the talent's later
-- cases (the material's validMonths from the definition; NULL: no expiry).
CREATE TABLE window_material_links (
    case_id     text        NOT NULL,
    material_id text        NOT NULL,
    file_id     text        NOT NULL,
    talent_id   text        NOT NULL,
    attached_at timestamptz NOT NULL,
    attached_by text        NOT NULL,
    valid_until timestamptz NULL,
    CONSTRAINT window_material_links_pk PRIMARY KEY (case_id, material_id, file_id)
);
CREATE INDEX window_material_links_talent ON window_material_links (talent_id, material_id, attached_at);
CREATE INDEX window_material_links_file ON window_material_links (file_id);

-- An upload's Idempotency-Key per user: a retry answers the first upload's file.
CREATE TABLE window_material_uploads (
    user_id         text NOT NULL,
    idempotency_key text NOT NULL,
    case_id         text NOT NULL,
    material_id     text NOT NULL,
    file_id         text NOT NULL,
    CONSTRAINT window_material_uploads_pk PRIMARY KEY (user_id, idempotency_key)
);

-- Who attached, viewed or downloaded which file, and when files were purged: shown to the case's officer and supervisors.
CREATE TABLE window_material_journal (
    entry_id    bigint      GENERATED ALWAYS AS IDENTITY,
    case_id     text        NOT NULL,
    material_id text        NOT NULL,
    file_id     text        NOT NULL,
    at          timestamptz NOT NULL,
    user_id     text        NOT NULL,
    action      text        NOT NULL,
    CONSTRAINT window_material_journal_pk PRIMARY KEY (entry_id)
);
CREATE INDEX window_material_journal_case ON window_material_journal (case_id, at);
