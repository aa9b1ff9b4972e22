-- The table Orleans' ADO.NET providers read their queries from at start (QueryKey -> QueryText).
-- Unquoted names fold to lower case; Npgsql matches the providers' column names case-insensitively.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
