using Window.Testing;

namespace Window.Host.Tests;

/// <summary>Every test class that needs PostgreSQL shares one private server per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
