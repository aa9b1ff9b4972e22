using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Documents;

/// <summary>
/// <see cref="IDocumentStore"/> on SQLite and PostgreSQL. The number comes from <c>window_document_counters</c>, updated in
/// the document's own transaction: on PostgreSQL the UPDATE's row lock serialises the issuers of one kind and year on
/// every host; on SQLite <c>BEGIN IMMEDIATE</c> takes the one writer's lock first. A failed insert rolls the number back.
/// </summary>
public sealed partial class SqlDocumentStore(WindowDatabase database) : IDocumentStore
{
    private const string Columns = "document_id, case_id, act_seq, kind, number, year, sequence, issued_at, issued_by, department, replaces, sha256";

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<IssuedDocument> IssueAsync(DocumentDraft draft, Func<int, RenderedDocument> render, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(render);
        if (await ExistingAsync(draft, cancellationToken) is { } existing)
        {
            return new IssuedDocument(existing, false);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Under the lock (SQLite: the writer's; PostgreSQL: the counter row's, taken below) no one else issues this act.
            if (database.Provider == DatabaseProvider.Sqlite && await ExistingAsync(connection, transaction, draft, cancellationToken) is { } raced)
            {
                return new IssuedDocument(raced, false);
            }

            var sequence = await NextSequenceAsync(connection, transaction, draft.Kind, draft.Year, cancellationToken);
            var rendered = render(sequence);
            var record = new DocumentRecord(
                Guid.NewGuid().ToString("N"), draft.CaseId, draft.ActSeq, draft.Kind, rendered.Number, draft.Year, sequence,
                draft.IssuedAt, draft.IssuedBy, draft.Department, draft.Replaces, Convert.ToHexStringLower(SHA256.HashData(rendered.Pdf)));
            await InsertAsync(connection, transaction, record, rendered.Pdf, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new IssuedDocument(record, true);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another host issued this act while this one waited for the number: its document stands, this number is unused.
            await transaction.RollbackAsync(CancellationToken.None);
            return new IssuedDocument(await ExistingAsync(draft, cancellationToken) ?? throw new InvalidOperationException("The document that won the race is gone."), false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentRecord>> ListAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {Columns} FROM window_documents WHERE case_id = @case ORDER BY issued_at, act_seq, sequence", [("case", Text(caseId))]);
        return await ReadAllAsync(command, Read, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(DocumentRecord Record, byte[] Pdf)?> ReadAsync(string caseId, string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {Columns}, pdf FROM window_documents WHERE case_id = @case AND document_id = @id", [("case", Text(caseId)), ("id", Text(documentId))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (Read(reader), reader.GetFieldValue<byte[]>(12));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UndocumentedAct>> UndocumentedActsAsync(
        IReadOnlyCollection<string> kinds, DateTimeOffset after, DateTimeOffset until, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            return [];
        }

        // The kinds are written into the statement (the partial index window_case_events_acts is chosen only for literals):
        // they are the registered kinds' stored names, and anything but lower-case words is refused here.
        if (kinds.FirstOrDefault(kind => !StoredKind().IsMatch(kind)) is { } strange)
        {
            throw new ArgumentException($"'{strange}' is not a stored timeline kind.", nameof(kinds));
        }

        var listed = string.Join(", ", kinds.Select(kind => $"'{kind}'"));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT e.case_id, e.seq, e.kind, e.at FROM window_case_events e
            WHERE e.kind IN ({listed}) AND e.at > @after AND e.at <= @until
              AND NOT EXISTS (SELECT 1 FROM window_documents d WHERE d.case_id = e.case_id AND d.act_seq = e.seq AND d.replaces IS NULL)
            ORDER BY e.at, e.case_id, e.seq
            LIMIT @limit
            """, [("after", Instant(after)), ("until", Instant(until)), ("limit", Int(limit))]);
        return await ReadAllAsync(command, reader => new UndocumentedAct(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), dialect.ReadInstant(reader, 3)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> SweptUntilAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT checked_until FROM window_document_sweep WHERE id = 1", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? dialect.ReadInstant(reader, 0) : null;
    }

    /// <inheritdoc />
    public async Task MarkSweptAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE window_document_sweep SET checked_until = @until WHERE id = 1 AND (checked_until IS NULL OR checked_until < @until)", [("until", Instant(until))]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DocumentRecord?> ExistingAsync(DocumentDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ExistingAsync(connection, null, draft, cancellationToken);
    }

    private async Task<DocumentRecord?> ExistingAsync(DbConnection connection, DbTransaction? transaction, DocumentDraft draft, CancellationToken cancellationToken)
    {
        await using var command = draft.Replaces is { } replaced
            ? Command(connection, transaction, $"SELECT {Columns} FROM window_documents WHERE replaces = @replaces", [("replaces", Text(replaced))])
            : Command(connection, transaction, $"SELECT {Columns} FROM window_documents WHERE case_id = @case AND act_seq = @seq AND replaces IS NULL",
                [("case", Text(draft.CaseId)), ("seq", Int(draft.ActSeq))]);
        var found = await ReadAllAsync(command, Read, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private static async Task<int> NextSequenceAsync(DbConnection connection, DbTransaction transaction, string kind, int year, CancellationToken cancellationToken)
    {
        (string, SqlValue)[] key = [("kind", Text(kind)), ("year", Int(year))];
        await using (var ensure = Command(connection, transaction,
            "INSERT INTO window_document_counters (kind, year, last) VALUES (@kind, @year, 0) ON CONFLICT (kind, year) DO NOTHING", key))
        {
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var next = Command(connection, transaction,
            "UPDATE window_document_counters SET last = last + 1 WHERE kind = @kind AND year = @year RETURNING last", key);
        return Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, DocumentRecord record, byte[] pdf, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"""
            INSERT INTO window_documents ({Columns}, pdf)
            VALUES (@id, @case, @seq, @kind, @number, @year, @sequence, @at, @by, @department, @replaces, @sha, @pdf)
            """,
            [
                ("id", Text(record.Id)), ("case", Text(record.CaseId)), ("seq", Int(record.ActSeq)), ("kind", Text(record.Kind)),
                ("number", Text(record.Number)), ("year", Int(record.Year)), ("sequence", Int(record.Sequence)), ("at", Instant(record.IssuedAt)),
                ("by", Text(record.IssuedBy)), ("department", Text(record.Department)), ("replaces", Text(record.Replaces)), ("sha", Text(record.Sha256)),
                ("pdf", new SqlValue(pdf, DbType.Binary)),
            ]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);

    private DocumentRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        dialect.ReadInstant(reader, 7),
        reader.GetString(8),
        NullableText(reader, 9),
        NullableText(reader, 10),
        reader.GetString(11));

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex StoredKind();
}
