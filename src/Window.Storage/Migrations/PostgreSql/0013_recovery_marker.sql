-- Deferred projection commits (issue 10): a projection may commit without waiting for its WAL flush, so a PostgreSQL
-- crash can lose the last fraction of a second of them while their grain states (committed durably) survive. An
-- unlogged table is emptied by crash recovery (and is empty on a promoted standby) but kept by a clean shutdown, so a
-- row in it says "no crash since it was written". The hosts write the row, and when they find it gone, re-project every
-- case whose read model is behind its grain state (ProjectionRepair). Written without WAL: checking it costs no flush.
CREATE UNLOGGED TABLE window_recovery_marker (
    id         integer PRIMARY KEY CHECK (id = 1),
    written_at timestamptz NOT NULL DEFAULT now()
);
