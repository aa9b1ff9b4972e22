-- Issue 25: the workflow studio. Item definitions live in the database; workflows/ is the seed imported at first start.
--
-- window_workflow_versions holds every version ever published, in the export format (the text of workflows/<id>.json), and is
-- never deleted from: a running case reads its own version until it ends. A retracted version (retracted_at set) opens no new
-- cases. window_workflow_drafts holds administrators' unfinished edits, valid or not. Departments stay in window_departments
-- (0010), which steps are now routed by.
--
-- window_workflow_journal records every publication, retraction, department change and the seed import (who, when, what in
-- words). Its row count is the catalogue's stamp: every host polls it and reloads when it moved (a count, not MAX(seq): an
-- identity value can commit after a higher one, a count cannot go back). The partial unique index lets only one host import
-- the seed when several start at once. draft_id is the draft a publication came from: a draft is published at most once, and a
-- retried publication finds the version it made.
CREATE TABLE window_workflow_versions (
    item_id      varchar(64)  NOT NULL,
    version      integer      NOT NULL,
    definition   text         NOT NULL,
    published_at timestamptz  NOT NULL,
    published_by varchar(64)  NOT NULL,
    retracted_at timestamptz  NULL,
    retracted_by varchar(64)  NULL,
    CONSTRAINT window_workflow_versions_pk PRIMARY KEY (item_id, version)
);

CREATE TABLE window_workflow_drafts (
    draft_id   varchar(36)  NOT NULL,
    item_id    varchar(64)  NOT NULL,
    definition text         NOT NULL,
    created_by varchar(64)  NOT NULL,
    created_at timestamptz  NOT NULL,
    updated_by varchar(64)  NOT NULL,
    updated_at timestamptz  NOT NULL,
    CONSTRAINT window_workflow_drafts_pk PRIMARY KEY (draft_id)
);

CREATE INDEX window_workflow_drafts_item ON window_workflow_drafts (item_id, updated_at DESC);

CREATE TABLE window_workflow_journal (
    seq      bigint       GENERATED ALWAYS AS IDENTITY,
    action   varchar(32)  NOT NULL,
    subject  varchar(64)  NOT NULL,
    version  integer      NOT NULL,
    actor    varchar(64)  NOT NULL,
    at       timestamptz  NOT NULL,
    summary  text         NOT NULL,
    draft_id varchar(36)  NULL,
    CONSTRAINT window_workflow_journal_pk PRIMARY KEY (seq)
);

CREATE INDEX window_workflow_journal_subject ON window_workflow_journal (subject, seq DESC);
CREATE UNIQUE INDEX window_workflow_journal_draft ON window_workflow_journal (draft_id) WHERE draft_id IS NOT NULL;
CREATE UNIQUE INDEX window_workflow_journal_seeded ON window_workflow_journal (action) WHERE action = 'seeded';
