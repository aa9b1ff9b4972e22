using System.Globalization;
using static Window.Storage.ReadModel.ReadModelColumns;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>Finding cases: by filter, one page at a time, and by receipt number.</summary>
public interface ICaseSearch
{
    /// <summary>
    /// Cases matching the filter, newest first (by opened instant, then case id), one page of them, and how many matched:
    /// counted up to a cap, past which the total is a lower bound (<see cref="PageOf{T}.TotalIsLowerBound"/>).
    /// </summary>
    Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The case id for a receipt number, or <see langword="null"/>.</summary>
    Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default);
}

/// <summary><see cref="ICaseSearch"/> on the read model's cases, newest first, with a capped count.</summary>
public sealed class CaseSearch(WindowDatabase database) : ICaseSearch
{
    /// <summary>
    /// A search counts its matches up to this many: past it the total is served as a lower bound ("10,000+"), since an
    /// exact count of a large share of a million cases costs many times the page itself.
    /// </summary>
    public const int MaxCounted = 10_000;

    private const int MaxPageSize = 200;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

    /// <inheritdoc />
    public async Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var conditions = new List<string>();
        var parameters = new List<(string, SqlValue)>();
        void Where(string condition, string name, string? value)
        {
            if (value is not null)
            {
                conditions.Add(condition);
                parameters.Add((name, Text(value)));
            }
        }

        Where("c.status = @status", "status", filter.Status);
        Where("c.officer = @officer", "officer", filter.Officer);
        Where("c.light = @light", "light", filter.Light);
        Where("EXISTS (SELECT 1 FROM window_case_items i WHERE i.case_id = c.case_id AND i.item_id = @item)", "item", filter.Item);
        Where("EXISTS (SELECT 1 FROM window_steps s WHERE s.case_id = c.case_id AND s.department = @department)",
            "department", filter.Department);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction,
            $"SELECT COUNT(*) FROM (SELECT 1 FROM window_cases c {where} LIMIT {MaxCounted + 1}) AS counted", parameters);
        var counted = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var capped = counted > MaxCounted;
        var total = Math.Min(counted, MaxCounted);
        IReadOnlyList<CaseRow> found = [];
        var offset = (long)(page - 1) * pageSize;
        if (capped || offset < total)
        {
            await using var select = Command(connection, transaction,
                $"SELECT {Prefixed("c", CaseColumns)} FROM window_cases c {where} " +
                "ORDER BY c.opened_at DESC, c.case_id LIMIT @limit OFFSET @offset",
                [.. parameters, ("limit", Int(pageSize)), ("offset", Long(offset))]);
            found = await ReadAllAsync(select, rows.ReadCase, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PageOf<CaseRow>(found, page, pageSize, total, capped);
    }

    /// <inheritdoc />
    public async Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT case_id FROM window_cases WHERE number = @number", [("number", Text(number))], cancellationToken)
            as string;

    private async Task<object?> ScalarAsync(string sql, IEnumerable<(string Name, SqlValue SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
