using System.Globalization;
using System.Text;

namespace Window.Storage.ReadModel;

/// <summary>
/// Several statements sent as one command (one round trip on PostgreSQL, one call on SQLite), with their parameters
/// numbered across the whole batch. Both engines run a semicolon-separated command text statement by statement.
/// </summary>
internal sealed class SqlBatch
{
    /// <summary>Rows per multi-row INSERT: far below both engines' parameter limits.</summary>
    private const int RowsPerInsert = 100;

    private readonly StringBuilder text = new();
    private readonly List<(string Name, SqlValue Value)> parameters = [];

    private readonly List<(int TextEnd, int ParameterEnd)> ends = [];

    public bool IsEmpty => text.Length == 0;

    public string Text => text.ToString();

    public IReadOnlyList<(string Name, SqlValue Value)> Parameters => parameters;

    /// <summary>Multi-row INSERTs of <paramref name="rows"/> (none when there are none), each ending with <paramref name="onConflict"/>.</summary>
    public void Insert<T>(string table, string columns, IReadOnlyList<T> rows, Func<T, SqlValue[]> values, string onConflict)
    {
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            text.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table} ({columns}) VALUES ");
            for (var index = 0; index < chunk.Length; index++)
            {
                text.Append(index == 0 ? "(" : ", (");
                var first = true;
                foreach (var value in values(chunk[index]))
                {
                    text.Append(first ? "" : ", ").Append(Parameter(value));
                    first = false;
                }

                text.Append(')');
            }

            text.Append(' ').Append(onConflict).Append(";\n");
            End();
        }
    }

    /// <summary>
    /// The ON CONFLICT clause that makes an <see cref="Insert"/> into <paramref name="table"/> an upsert keyed by the first
    /// <paramref name="keyColumns"/> of <paramref name="columns"/>, updating a stored row only when some other column
    /// differs (<paramref name="differs"/>: the engine's null-safe operator). Built once per table, not per write.
    /// </summary>
    public static string UpsertClause(string table, string columns, int keyColumns, string differs)
    {
        var names = columns.Split(',', StringSplitOptions.TrimEntries);
        var key = names[..keyColumns];
        var rest = names[keyColumns..];
        var stored = string.Join(", ", rest.Select(c => $"{table}.{c}"));
        var excluded = string.Join(", ", rest.Select(c => $"excluded.{c}"));
        return $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", rest.Select(c => $"{c} = excluded.{c}"))} " +
            $"WHERE ({stored}) {differs} ({excluded})";
    }

    /// <summary>Deletes the case's rows of <paramref name="table"/> whose <paramref name="keyExpression"/> is none of <paramref name="keep"/>.</summary>
    public void DeleteOthers(string table, SqlValue caseId, string keyExpression, IEnumerable<string> keep)
    {
        text.Append(CultureInfo.InvariantCulture, $"DELETE FROM {table} WHERE case_id = {Parameter(caseId)}");
        var kept = keep.Select(k => Parameter(SqlCommands.Text(k))).ToList();
        if (kept.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" AND {keyExpression} NOT IN ({string.Join(", ", kept)})");
        }

        text.Append(";\n");
        End();
    }

    /// <summary>One statement, as written (its parameters added with <see cref="Parameter"/> before it).</summary>
    public void Statement(string sql)
    {
        text.Append(sql).Append(";\n");
        End();
    }

    /// <summary>
    /// The statements one by one, each with only its own parameters, named with their <c>@</c>. For SQLite: Microsoft.Data.Sqlite
    /// binds a command's parameters statement by statement, looking every parameter of the command up in every statement
    /// (four lookups for a name without its prefix, or one not in that statement), so a batch of k statements and n
    /// parameters cost about 4·k·n native calls, the projection's largest CPU cost (issue 26).
    /// </summary>
    public IEnumerable<(string Text, IEnumerable<(string Name, SqlValue Value)> Parameters)> Statements()
    {
        var all = text.ToString();
        var (textStart, parameterStart) = (0, 0);
        foreach (var (textEnd, parameterEnd) in ends)
        {
            var from = parameterStart;
            yield return (all[textStart..textEnd], parameters.Skip(from).Take(parameterEnd - from).Select(p => ("@" + p.Name, p.Value)));
            (textStart, parameterStart) = (textEnd, parameterEnd);
        }
    }

    private void End() => ends.Add((text.Length, parameters.Count));

    /// <summary>A new parameter of the batch holding <paramref name="value"/>; its placeholder, e.g. <c>@p7</c>.</summary>
    public string Parameter(SqlValue value)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        return "@" + name;
    }
}
