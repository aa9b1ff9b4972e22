using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>
/// The stored form of search terms (<c>window_case_search_terms.term</c>): a keyed hash of a talent's normalised value,
/// or the digits of a case number reversed, so that the number's last digits are a prefix (one range of the key).
/// </summary>
public static class SearchTerm
{
    private const string KeyedPrefix = "k:";
    private const string TailPrefix = "n:";

    /// <summary>The term of a keyed hash (hex) of a normalised name, ID number or phone; computed by the host, which holds the key.</summary>
    public static string Keyed(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return KeyedPrefix + hash;
    }

    /// <summary>The term that finds a case number by its last digits: its digits, last first (<c>RC-2026-000123</c>: <c>n:3210006202</c>).</summary>
    public static string NumberTail(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digits = number.Where(char.IsAsciiDigit).Reverse().ToArray();
        return TailPrefix + new string(digits);
    }

    /// <summary>The range of terms of case numbers ending in <paramref name="lastDigits"/>: <c>term &gt;= From AND term &lt; To</c>.</summary>
    public static (string From, string To) EndingIn(string lastDigits)
    {
        ArgumentException.ThrowIfNullOrEmpty(lastDigits);
        if (!lastDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Only digits end a case number.", nameof(lastDigits));
        }

        var prefix = TailPrefix + new string([.. lastDigits.Reverse()]);

        // '~' sorts after every digit byte by byte (PostgreSQL's column is COLLATE "C", SQLite's BINARY).
        return (prefix, prefix + "~");
    }
}

/// <summary>A case and its search terms, as the host computes them.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Terms">Its terms (<see cref="SearchTerm"/>).</param>
public sealed record CaseTerms(string CaseId, IReadOnlyCollection<string> Terms)
{
    /// <summary>
    /// When the case was opened (it never changes), copied onto its terms so that a term's newest cases are one range of
    /// an index. The case's row is read first; this is the instant stored when that row is not written yet.
    /// </summary>
    public DateTimeOffset? OpenedAt { get; init; }
}

/// <summary>One case's grain state as Orleans stored it, for the search backfill (the host deserializes it).</summary>
/// <param name="CaseId">The case (the grain key).</param>
/// <param name="Payload">The stored state.</param>
public sealed record StoredCaseState(string CaseId, byte[] Payload);

/// <summary>Writes the search terms of cases (window_case_search_terms); the search reads them through <see cref="ICaseSearch"/>.</summary>
public interface ICaseSearchIndex
{
    /// <summary>Stores the terms of each case; terms already stored are kept (a replayed opening writes the same ones).</summary>
    Task IndexAsync(IReadOnlyCollection<CaseTerms> cases, CancellationToken cancellationToken = default);
}

/// <summary>
/// <see cref="ICaseSearchIndex"/> on window_case_search_terms, and what the host's backfill pass reads and records: the
/// stored states of every case (to index cases stored before search existed) and whether that is done.
/// </summary>
public sealed class CaseSearchIndex(WindowDatabase database) : ICaseSearchIndex
{
    /// <summary>Cases per insert statement (at most 4 terms each, 3 parameters per term: far below either engine's limit).</summary>
    private const int CasesPerStatement = 200;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task IndexAsync(IReadOnlyCollection<CaseTerms> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var rows = cases.SelectMany(c => c.Terms.Distinct(StringComparer.Ordinal).Select(term => (c.CaseId, Term: term, c.OpenedAt))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in rows.Chunk(CasesPerStatement * 4))
        {
            var sql = new StringBuilder("INSERT INTO window_case_search_terms (term, case_id, opened_at) VALUES ");
            var parameters = new List<(string, SqlValue)>(chunk.Length * 3);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture,
                    $"{(i == 0 ? "" : ", ")}(@t{i}, @c{i}, COALESCE((SELECT c.opened_at FROM window_cases c WHERE c.case_id = @c{i}), @o{i}))");
                parameters.Add(($"t{i}", Text(chunk[i].Term)));
                parameters.Add(($"c{i}", Text(chunk[i].CaseId)));
                parameters.Add(($"o{i}", new SqlValue(chunk[i].OpenedAt is { } opened ? dialect.Instant(opened) : null, dialect.InstantType)));
            }

            // A term stored before its case row existed (no instant then) gets it when the term is written again.
            sql.Append(" ON CONFLICT (term, case_id) DO UPDATE SET opened_at = excluded.opened_at WHERE window_case_search_terms.opened_at IS NULL");
            await using var insert = Command(connection, null, sql.ToString(), parameters);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether cases stored before search existed still wait to be indexed.</summary>
    public async Task<bool> BackfillPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM window_search_backfill WHERE finished_at IS NULL", []);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Records that every stored case was indexed (<paramref name="indexed"/> of them, by this pass).</summary>
    public async Task FinishBackfillAsync(long indexed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE window_search_backfill SET indexed = @indexed, finished_at = @now WHERE id = 1 AND finished_at IS NULL",
            [("indexed", Long(indexed)), ("now", new SqlValue(dialect.Instant(now), dialect.InstantType))]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Every case's stored grain state of <paramref name="serviceId"/>, in one pass over the table: the backfill reads the
    /// sealed identity from it without activating a grain per case. A pass cut short is simply run again (indexing is idempotent).
    /// </summary>
    public async IAsyncEnumerable<StoredCaseState> StoredCaseStatesAsync(string serviceId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT grain_id_extension, payload FROM window_grain_state WHERE service_id = @service_id AND grain_type = @grain_type AND payload IS NOT NULL",
            [("service_id", Text(serviceId)), ("grain_type", Text(ProjectionLag.CaseStateName))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredCaseState(reader.GetString(0), (byte[])reader.GetValue(1));
        }
    }
}
