using System.Data.Common;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>
/// Reads read-model rows (in <see cref="ReadModelColumns"/> order) and writes instants and days as the engine stores them;
/// shared by the projection writer and the queries, so a row is read one way everywhere.
/// </summary>
internal sealed class RowReader(SqlDialect dialect)
{
    public SqlDialect Dialect => dialect;

    public SqlValue Instant(DateTimeOffset? value) => new(value is { } instant ? dialect.Instant(instant) : null, dialect.InstantType);

    public SqlValue Day(DateOnly? value) => new(value is { } day ? dialect.Day(day) : null, dialect.DayType);

    public CaseRow ReadCase(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        NullableText(reader, 3),
        reader.GetString(4),
        reader.GetString(5),
        dialect.ReadInstant(reader, 6),
        dialect.ReadDay(reader, 7),
        NullableInstant(reader, 8),
        NullableInstant(reader, 9),
        reader.GetString(10),
        NullableInstant(reader, 11),
        NullableInstant(reader, 12),
        reader.GetInt32(13),
        reader.IsDBNull(14) ? null : reader.GetInt32(14),
        reader.GetInt64(15),
        reader.GetInt32(16) != 0,
        reader.GetInt32(17) != 0);

    public CaseItemRow ReadItem(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), NullableInstant(reader, 4));

    public StepRow ReadStep(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        NullableInstant(reader, 5),
        NullableInstant(reader, 6),
        NullableInstant(reader, 7),
        reader.GetString(8),
        NullableText(reader, 9),
        NullableInstant(reader, 10),
        NullableText(reader, 11),
        reader.GetInt32(12) != 0);

    public MaterialRow ReadMaterial(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : dialect.ReadDay(reader, 3));

    public EventRow ReadEvent(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        dialect.ReadInstant(reader, 2),
        reader.GetString(3),
        NullableText(reader, 4),
        NullableText(reader, 5),
        reader.GetString(6),
        NullableText(reader, 7),
        NullableText(reader, 8),
        NullableText(reader, 9),
        NullableText(reader, 10),
        NullableText(reader, 11));

    public SpanRow ReadSpan(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        reader.GetString(2),
        reader.GetString(3),
        dialect.ReadInstant(reader, 4),
        TimeSpan.FromTicks(reader.GetInt64(5)),
        reader.GetInt32(6),
        NullableText(reader, 7),
        NullableText(reader, 8));

    public QueueEntry ReadQueueEntry(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        NullableInstant(reader, 6),
        NullableInstant(reader, 7),
        NullableInstant(reader, 8),
        reader.GetString(9),
        NullableText(reader, 10));

    public DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : dialect.ReadInstant(reader, ordinal);
}
