using System.Data;
using System.Text.RegularExpressions;

namespace Window.Storage.Tests.ReadModel;

/// <summary>The plan an engine chooses for a read-model statement, as text.</summary>
internal static partial class QueryPlans
{
    /// <summary>
    /// <c>EXPLAIN QUERY PLAN</c> (SQLite) or <c>EXPLAIN</c> (PostgreSQL) of <paramref name="sql"/> with the parameters it names.
    /// On PostgreSQL sequential and bitmap scans and sorts are priced out: a test database is tiny, where a scan is cheapest,
    /// so only a plan that needs neither (an ordered range of an index) shows without them.
    /// </summary>
    public static async Task<string> ExplainAsync(WindowDatabase database, string sql, IEnumerable<(string Name, object? Value, DbType Type)> parameters)
    {
        var postgres = database.Provider == DatabaseProvider.PostgreSql;
        await using var connection = await database.OpenConnectionAsync();
        if (postgres)
        {
            await using var settings = connection.CreateCommand();
            settings.CommandText = "SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off";
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
        var named = Names().Matches(sql).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value, type) in parameters.Where(p => named.Contains(p.Name)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(postgres ? 0 : 3));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex Names();
}
