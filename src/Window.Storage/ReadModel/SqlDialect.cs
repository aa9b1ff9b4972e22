using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Window.Storage.ReadModel;

/// <summary>
/// What differs between the engines for the read model: how instants and days are stored and how a read-only snapshot
/// is begun (the queue's statements are <see cref="DepartmentQueue.QueueSql"/>). Everything else is SQL both engines
/// accept as written.
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.PostgreSql => PostgreSqlDialect.Instance,
        _ => throw new InvalidOperationException($"Unknown provider {provider}."),
    };

    public abstract DbType InstantType { get; }

    public abstract DbType DayType { get; }

    /// <summary>An instant as the engine stores it: always UTC, to the microsecond (PostgreSQL's resolution).</summary>
    public abstract object Instant(DateTimeOffset value);

    public abstract object Day(DateOnly value);

    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    public abstract DateOnly ReadDay(DbDataReader reader, int ordinal);

    /// <summary>A transaction whose reads all see one snapshot (a page and its total agree).</summary>
    public abstract DbTransaction BeginSnapshot(DbConnection connection);

    /// <summary>The null-safe "differs" operator between two row values: <c>(a, b) {Differs} (c, d)</c>.</summary>
    public abstract string Differs { get; }

    protected static DateTimeOffset Microseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private sealed class SqliteDialect : SqlDialect
    {
        // Fixed width, so that text order is time order for comparisons, ORDER BY and indexes.
        private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        private const string DayFormat = "yyyy-MM-dd";

        public static readonly SqliteDialect Instance = new();

        public override string Differs => "IS NOT";

        public override DbType InstantType => DbType.String;

        public override DbType DayType => DbType.String;

        public override object Instant(DateTimeOffset value) =>
            Microseconds(value).ToString(InstantFormat, CultureInfo.InvariantCulture);

        public override object Day(DateOnly value) => value.ToString(DayFormat, CultureInfo.InvariantCulture);

        public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => DateTimeOffset.ParseExact(
            reader.GetString(ordinal), InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override DateOnly ReadDay(DbDataReader reader, int ordinal) =>
            DateOnly.ParseExact(reader.GetString(ordinal), DayFormat, CultureInfo.InvariantCulture);

        public override DbTransaction BeginSnapshot(DbConnection connection) =>
            ((SqliteConnection)connection).BeginTransaction(deferred: true);
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        public static readonly PostgreSqlDialect Instance = new();

        public override string Differs => "IS DISTINCT FROM";

        public override DbType InstantType => DbType.DateTimeOffset;

        public override DbType DayType => DbType.Date;

        // Npgsql writes timestamptz only from offset 0.
        public override object Instant(DateTimeOffset value) => Microseconds(value);

        public override object Day(DateOnly value) => value;

        public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

        public override DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

        public override DbTransaction BeginSnapshot(DbConnection connection) =>
            connection.BeginTransaction(IsolationLevel.RepeatableRead);
    }
}
