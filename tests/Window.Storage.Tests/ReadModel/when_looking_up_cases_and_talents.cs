using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

[Collection(PostgresCollection.Name)]
public sealed class when_looking_up_cases_and_talents(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task officers_are_counted_the_cases_not_yet_handed_over(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1", status: "open", officer: "wang")));
        await readModel.ApplyAsync(Projection(Case("c2", status: "completed", officer: "wang")));
        await readModel.ApplyAsync(Projection(Case("c3", status: "open", officer: "zhao")));
        await readModel.ApplyAsync(Projection(Case("c4", status: "delivered", officer: "zhao")));
        await readModel.ApplyAsync(Projection(Case("c5", status: "withdrawn", officer: "li")));

        var counts = await readModel.OpenCasesPerOfficerAsync();

        Assert.Equal(new Dictionary<string, int> { ["wang"] = 2, ["zhao"] = 1 }, counts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_receipt_number_finds_its_case(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1")));
        await readModel.ApplyAsync(Projection(Case("c2")));

        Assert.Equal("c2", await readModel.CaseIdByNumberAsync("RC-2026-c2"));
        Assert.Null(await readModel.CaseIdByNumberAsync("RC-2026-unknown"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task concurrent_registrations_of_one_hash_all_get_one_id_and_one_row(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new Storage.ReadModel.SqlReadModel(database);

        var ids = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(candidate => Task.Run(() => readModel.FindOrRegisterTalentAsync("hash-1", $"talent-{candidate}"))));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_talents"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_known_hash_keeps_its_first_id_and_a_new_hash_gets_its_candidate(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.FindOrRegisterTalentAsync("hash-1", "talent-a");

        Assert.Equal("talent-a", await readModel.FindOrRegisterTalentAsync("hash-1", "talent-b"));
        Assert.Equal("talent-c", await readModel.FindOrRegisterTalentAsync("hash-2", "talent-c"));
    }
}
