using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

[Collection(PostgresCollection.Name)]
public sealed class when_searching_cases(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<DatabaseProvider, CaseFilter, string[]> Filters()
    {
        var data = new TheoryData<DatabaseProvider, CaseFilter, string[]>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(provider, new CaseFilter(), ["c5", "c4", "c3", "c2", "c1"]);
            data.Add(provider, new CaseFilter(Status: "open"), ["c4", "c2", "c1"]);
            data.Add(provider, new CaseFilter(Item: "housing"), ["c4", "c3"]);
            data.Add(provider, new CaseFilter(Department: "housing-office"), ["c4", "c3"]);
            data.Add(provider, new CaseFilter(Light: "red"), ["c5", "c2"]);
            data.Add(provider, new CaseFilter(Officer: "zhao"), ["c4", "c3"]);
            data.Add(provider, new CaseFilter(Status: "open", Officer: "zhao", Item: "housing"), ["c4"]);
            data.Add(provider, new CaseFilter(Officer: "nobody"), []);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task each_filter_finds_exactly_its_cases_newest_first(DatabaseProvider provider, CaseFilter filter, string[] expected)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await SeedAsync(readModel);

        var page = await readModel.SearchCasesAsync(filter);

        Assert.Equal(expected, page.Items.Select(row => row.CaseId));
        Assert.Equal(expected.Length, page.Total);
        Assert.False(page.TotalIsLowerBound);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task pages_follow_one_another_and_carry_the_total_of_all_matches(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await SeedAsync(readModel);

        var first = await readModel.SearchCasesAsync(new CaseFilter(Page: 1, PageSize: 2));
        var second = await readModel.SearchCasesAsync(new CaseFilter(Page: 2, PageSize: 2));
        var third = await readModel.SearchCasesAsync(new CaseFilter(Page: 3, PageSize: 2));
        var past = await readModel.SearchCasesAsync(new CaseFilter(Page: 4, PageSize: 2));

        Assert.Equal(["c5", "c4"], first.Items.Select(row => row.CaseId));
        Assert.Equal(["c3", "c2"], second.Items.Select(row => row.CaseId));
        Assert.Equal(["c1"], third.Items.Select(row => row.CaseId));
        Assert.Empty(past.Items);
        Assert.All([first, second, third, past], page => Assert.Equal(5, page.Total));
        Assert.Equal((2, 2), (second.Page, second.PageSize));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task cases_opened_at_the_same_instant_keep_one_order(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        foreach (var caseId in new[] { "b", "c", "a" })
        {
            await readModel.ApplyAsync(Projection(Case(caseId)));
        }

        var page = await readModel.SearchCasesAsync(new CaseFilter());

        Assert.Equal(["a", "b", "c"], page.Items.Select(row => row.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 0, 0, 1, 1)]
    [InlineData(DatabaseProvider.Sqlite, -3, 500, 1, 200)]
    [InlineData(DatabaseProvider.PostgreSql, 0, 0, 1, 1)]
    [InlineData(DatabaseProvider.PostgreSql, -3, 500, 1, 200)]
    public async Task page_and_page_size_out_of_range_are_clamped(DatabaseProvider provider, int page, int pageSize, int servedPage,
        int servedPageSize)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await SeedAsync(readModel);

        var served = await readModel.SearchCasesAsync(new CaseFilter(Page: page, PageSize: pageSize));

        Assert.Equal((servedPage, servedPageSize), (served.Page, served.PageSize));
        Assert.Equal(Math.Min(5, servedPageSize), served.Items.Count);
        Assert.Equal(5, served.Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task past_ten_thousand_matches_the_total_is_a_lower_bound_and_the_pages_go_on(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        await BulkAsync(database, "delivered", SqlReadModel.MaxCounted);
        var exactly = await readModel.SearchCasesAsync(new CaseFilter(Status: "delivered", PageSize: 20));
        await BulkAsync(database, "delivered", 1, first: SqlReadModel.MaxCounted + 1);
        await BulkAsync(database, "open", 3);

        var more = await readModel.SearchCasesAsync(new CaseFilter(Status: "delivered", PageSize: 20));
        var last = await readModel.SearchCasesAsync(new CaseFilter(Status: "delivered", Page: 501, PageSize: 20));
        var few = await readModel.SearchCasesAsync(new CaseFilter(Status: "open", PageSize: 20));

        Assert.Equal((10_000, false), (exactly.Total, exactly.TotalIsLowerBound));
        Assert.Equal((10_000, true), (more.Total, more.TotalIsLowerBound));
        Assert.Equal(20, more.Items.Count);
        Assert.Single(last.Items);
        Assert.Equal((3, false), (few.Total, few.TotalIsLowerBound));
    }

    /// <summary>
    /// <paramref name="count"/> cases of one status numbered from <paramref name="first"/>, in one statement (a recursive
    /// CTE both engines run); opened at the same instant, so the order is by case id.
    /// </summary>
    private static async Task BulkAsync(WindowDatabase database, string status, int count, int first = 1)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i < {first + count - 1})
            INSERT INTO window_cases (case_id, number, talent_id, status, officer, opened_at, promised_by, light, trips, version)
            SELECT '{status}-' || i, 'RC-{status}-' || i, 't', '{status}', 'wang', '2026-03-02T09:00:00.000000Z', '2026-03-20', 'none', 1, 1 FROM n
            """;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Five cases opened a day apart, c1 first.</summary>
    private static async Task SeedAsync(SqlReadModel readModel)
    {
        async Task OpenAsync(string caseId, int day, string status, string officer, string light, params string[] items)
        {
            var row = Case(caseId, status: status, officer: officer, light: light, openedAt: Monday.AddDays(day));
            await readModel.ApplyAsync(Projection(row,
                items.Select(item => Step(caseId, "review", item == "housing" ? "housing-office" : "talent-office", itemId: item)).ToList(),
                items: items.Select(item => Item(caseId, item)).ToList()));
        }

        await OpenAsync("c1", 1, "open", "wang", "green", "settle-in");
        await OpenAsync("c2", 2, "open", "wang", "red", "settle-in");
        await OpenAsync("c3", 3, "delivered", "zhao", "none", "settle-in", "housing");
        await OpenAsync("c4", 4, "open", "zhao", "yellow", "housing");
        await OpenAsync("c5", 5, "completed", "li", "red", "settle-in");
    }
}
