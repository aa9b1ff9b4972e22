-- Issue 25: the workflow studio. See PostgreSql/0023_workflow_studio.sql for the notes.
CREATE TABLE window_workflow_versions (
    item_id      TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    definition   TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    published_by TEXT    NOT NULL,
    retracted_at TEXT    NULL,
    retracted_by TEXT    NULL,
    PRIMARY KEY (item_id, version)
) WITHOUT ROWID;

CREATE TABLE window_workflow_drafts (
    draft_id   TEXT NOT NULL PRIMARY KEY,
    item_id    TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX window_workflow_drafts_item ON window_workflow_drafts (item_id, updated_at DESC);

CREATE TABLE window_workflow_journal (
    seq      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    action   TEXT    NOT NULL,
    subject  TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    summary  TEXT    NOT NULL,
    draft_id TEXT    NULL
);

CREATE INDEX window_workflow_journal_subject ON window_workflow_journal (subject, seq DESC);
CREATE UNIQUE INDEX window_workflow_journal_draft ON window_workflow_journal (draft_id) WHERE draft_id IS NOT NULL;
CREATE UNIQUE INDEX window_workflow_journal_seeded ON window_workflow_journal (action) WHERE action = 'seeded';
