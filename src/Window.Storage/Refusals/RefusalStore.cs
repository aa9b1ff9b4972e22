using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Window.Storage.ReadModel;
using Window.Storage.Sla;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Refusals;

/// <summary>One reason of a refusal: a reason chosen from the item's definition (<see cref="Id"/>) or free text.</summary>
public sealed record RefusalReasonRow(string? Id, string? Text);

/// <summary>A stored refusal at the window (不予受理): its number, the talent (opaque id, sealed identity), items and reasons.</summary>
public sealed record RefusalRow(
    string RefusalId,
    string Number,
    string TalentId,
    byte[] SealedIdentity,
    IReadOnlyList<string> Items,
    IReadOnlyList<RefusalReasonRow> Reasons,
    string RefusedBy,
    DateTimeOffset RefusedAt,
    string? DocumentId);

/// <summary>
/// Refusals at the window (window_refusals, migration 0021): their own kind of record with their own yearly number
/// (<c>BY-2026-000001</c>), listed for supervisors and counted by the SLA summary.
/// </summary>
public sealed class RefusalStore(WindowDatabase database)
{
    private const int NumberAttempts = 8;

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores the refusal under <paramref name="refusalId"/> with the next number of its year, or returns the one already
    /// stored under that id (a retry of the same request). Two hosts drawing the same number: the second draws again.
    /// </summary>
    public async Task<(RefusalRow Refusal, bool Created)> RecordAsync(
        string refusalId, string talentId, byte[] sealedIdentity, IReadOnlyList<string> items, IReadOnlyList<RefusalReasonRow> reasons,
        string refusedBy, DateTimeOffset refusedAt, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(reasons);
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(refusalId, cancellationToken) is { } existing)
            {
                return (existing, false);
            }

            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                await using var insert = Command(connection, null, """
                    INSERT INTO window_refusals (refusal_id, year, seq, number, talent_id, sealed_identity, items, reasons, refused_by, refused_at, document_id)
                    SELECT @refusal_id, @year, next.seq, @prefix || LPAD_SEQ, @talent_id, @sealed, @items, @reasons, @refused_by, @refused_at, NULL
                    FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM window_refusals WHERE year = @year) AS next
                    """.Replace("LPAD_SEQ", database.Provider == DatabaseProvider.PostgreSql ? "LPAD(next.seq::text, 6, '0')" : "SUBSTR('000000' || next.seq, -6, 6)", StringComparison.Ordinal),
                    [
                        ("refusal_id", Text(refusalId)), ("year", Int(year)), ("prefix", Text(string.Create(CultureInfo.InvariantCulture, $"BY-{year}-"))),
                        ("talent_id", Text(talentId)), ("sealed", new SqlValue(sealedIdentity, DbType.Binary)), ("items", Text(string.Join(",", items))),
                        ("reasons", Text(JsonSerializer.Serialize(reasons, Json))), ("refused_by", Text(refusedBy)), ("refused_at", access.Instant(refusedAt)),
                    ]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                return (await FindAsync(refusalId, cancellationToken) ?? throw new InvalidOperationException("A stored refusal was not found."), true);
            }
            catch (DbException) when (attempt < NumberAttempts)
            {
                // The same id stored meanwhile (a parallel retry) or the same number drawn by another host: look again, draw again.
            }
        }
    }

    /// <summary>Records the document issued for a refusal (不予受理决定书).</summary>
    public Task AttachDocumentAsync(string refusalId, string documentId, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync("UPDATE window_refusals SET document_id = @document_id WHERE refusal_id = @refusal_id",
            [("document_id", Text(documentId)), ("refusal_id", Text(refusalId))], cancellationToken);

    /// <summary>The refusal stored under <paramref name="refusalId"/>, if any.</summary>
    public async Task<RefusalRow?> FindAsync(string refusalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"{Select} WHERE refusal_id = @refusal_id", [("refusal_id", Text(refusalId))]);
        return (await ReadAllAsync(command, Read, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A page of refusals, newest first, and how many there are.</summary>
    public async Task<(IReadOnlyList<RefusalRow> Items, int Total)> PageAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"{Select} ORDER BY refused_at DESC, refusal_id LIMIT @limit OFFSET @offset",
            [("limit", Int(pageSize)), ("offset", Int((page - 1) * pageSize))]);
        var items = await ReadAllAsync(command, Read, cancellationToken);
        return (items, await access.ScalarIntAsync("SELECT COUNT(*) FROM window_refusals", cancellationToken));
    }

    /// <summary>How many refusals were recorded in [<paramref name="from"/>, <paramref name="to"/>): the SLA summary's count.</summary>
    public async Task<int> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM window_refusals WHERE refused_at >= @from AND refused_at < @to",
            [("from", access.Instant(from)), ("to", access.Instant(to))]);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private const string Select =
        "SELECT refusal_id, number, talent_id, sealed_identity, items, reasons, refused_by, refused_at, document_id FROM window_refusals";

    private RefusalRow Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        (byte[])reader.GetValue(3),
        reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries),
        JsonSerializer.Deserialize<List<RefusalReasonRow>>(reader.GetString(5), Json) ?? [],
        reader.GetString(6),
        dialect.ReadInstant(reader, 7),
        NullableText(reader, 8));
}
