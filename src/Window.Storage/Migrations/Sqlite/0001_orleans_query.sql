-- The table Orleans' ADO.NET providers read their queries from at start (QueryKey -> QueryText).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
