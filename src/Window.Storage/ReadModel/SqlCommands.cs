using System.Data;
using System.Data.Common;

namespace Window.Storage.ReadModel;

/// <summary>A parameter value as the engine stores it, with its type (so that a NULL is typed too).</summary>
internal readonly record struct SqlValue(object? Content, DbType Type);

/// <summary>The small ADO.NET helpers the read model and the SLA store share.</summary>
internal static class SqlCommands
{
    /// <summary>A text parameter value (NULL typed as text).</summary>
    public static SqlValue Text(string? value) => new(value, DbType.String);

    /// <summary>A 32-bit integer parameter value.</summary>
    public static SqlValue Int(int? value) => new(value, DbType.Int32);

    /// <summary>A yes/no column's value: 0 or 1 in an integer column (the same on SQLite, which has no boolean, and PostgreSQL).</summary>
    public static SqlValue Flag(bool value) => new(value ? 1 : 0, DbType.Int32);

    /// <summary>A 64-bit integer parameter value.</summary>
    public static SqlValue Long(long? value) => new(value, DbType.Int64);

    /// <summary>The text in column <paramref name="ordinal"/>, or <see langword="null"/>.</summary>
    public static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A command with typed parameters, in a transaction when one is given.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, SqlValue Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = value.Type;
            parameter.Value = value.Content ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Every row of the command's result, read with <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
