using System.Data.Common;
using System.Globalization;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>The few helpers every SLA store shares: values as the engine stores them, and one-statement commands.</summary>
internal sealed class SqlAccess(WindowDatabase database)
{
    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    public DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : dialect.ReadInstant(reader, ordinal);

    public SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);

    public SqlValue Day(DateOnly value) => new(dialect.Day(value), dialect.DayType);

    public async Task<int> ScalarIntAsync(string scalarSql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, scalarSql, []);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<int> ExecuteAsync(string sql, IEnumerable<(string, SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
