namespace Window.Contracts;

/// <summary>
/// A database failure as it crosses silos. The drivers' own exceptions (Npgsql's) have no Orleans codec, so a caller on
/// another silo logged "Could not find a codec for type Npgsql.PostgresException" instead of the reason; this type keeps
/// the reason — what was being done, the driver's exception type, its message and SQL state, and whether a retry can
/// succeed — and never a command's text, its parameters or any personal data (the message is built by
/// <c>Window.Storage.StorageFailures</c>, which leaves out what could carry a value).
/// </summary>
[GenerateSerializer, Alias("window.storage-failure.v1")]
public sealed class StorageFailureException : OrleansException
{
    public StorageFailureException()
    {
    }

    public StorageFailureException(string message)
        : base(message)
    {
    }

    public StorageFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure of <paramref name="operation"/> caused by a <paramref name="cause"/> with the given SQL state.</summary>
    public StorageFailureException(string operation, string cause, string? sqlState, bool isTransient, string message)
        : base($"{operation} failed: {cause}{(sqlState is null ? "" : $" [{sqlState}]")}: {message}")
    {
        Operation = operation;
        Cause = cause;
        SqlState = sqlState;
        IsTransient = isTransient;
    }

    /// <summary>What was being done: "write grain state", "read grain state", a grain method's name.</summary>
    [Id(0)]
    public string Operation { get; private set; } = "";

    /// <summary>The driver's exception type (NpgsqlException, PostgresException, SqliteException).</summary>
    [Id(1)]
    public string Cause { get; private set; } = "";

    /// <summary>PostgreSQL's SQLSTATE (57P01, 08006, ...) or SQLite's result code (SQLITE_5); none for a broken connection.</summary>
    [Id(2)]
    public string? SqlState { get; private set; }

    /// <summary>Whether the database was away or busy (a retry can succeed), as opposed to a query it refused.</summary>
    [Id(3)]
    public bool IsTransient { get; private set; }
}
