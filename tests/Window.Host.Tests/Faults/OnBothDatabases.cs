using Window.Storage;

namespace Window.Host.Tests.Faults;

/// <summary>Theory data: every value on SQLite and on PostgreSQL.</summary>
public static class OnBothDatabases
{
    public static TheoryData<DatabaseProvider, T> With<T>(params T[] values)
    {
        var data = new TheoryData<DatabaseProvider, T>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            foreach (var value in values)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }
}
