using System.Data;
using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

/// <summary>Issue 18: search terms, the promised-date order, "opened between", keyset pages and the indexes they read.</summary>
[Collection(PostgresCollection.Name)]
public sealed class when_paging_and_searching_cases(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_term_finds_exactly_the_cases_indexed_with_it(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var index = new CaseSearchIndex(database);
        foreach (var id in new[] { "c1", "c2", "c3" })
        {
            await readModel.ApplyAsync(Projection(Case(id)));
        }

        await index.IndexAsync([new CaseTerms("c1", ["k:zhang", "k:phone-1"]), new CaseTerms("c3", ["k:zhang"])]);
        await index.IndexAsync([new CaseTerms("c1", ["k:zhang"])]);

        var zhang = await readModel.SearchCasesAsync(new CaseFilter { Term = "k:zhang" });
        var phone = await readModel.SearchCasesAsync(new CaseFilter { Term = "k:phone-1" });
        var nobody = await readModel.SearchCasesAsync(new CaseFilter { Term = "k:nobody" });

        Assert.Equal(["c1", "c3"], zhang.Items.Select(row => row.CaseId));
        Assert.Equal(2, zhang.Total);
        Assert.Equal(["c1"], phone.Items.Select(row => row.CaseId));
        Assert.Empty(nobody.Items);
        Assert.Equal(3, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_case_search_terms"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_number_is_found_whole_or_by_its_last_digits(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var index = new CaseSearchIndex(database);
        foreach (var (id, number) in new[] { ("a", "RC-2026-000123"), ("b", "RC-2026-001123"), ("c", "RC-2025-000123"), ("d", "RC-2026-000124") })
        {
            await readModel.ApplyAsync(Projection(Case(id) with { Number = number }));
            await index.IndexAsync([new CaseTerms(id, [SearchTerm.NumberTail(number)])]);
        }

        var whole = await readModel.SearchCasesAsync(new CaseFilter { Number = "RC-2026-000123" });
        var three = await readModel.SearchCasesAsync(new CaseFilter { NumberEndsWith = "123" });
        var six = await readModel.SearchCasesAsync(new CaseFilter { NumberEndsWith = "000123" });
        var withYear = await readModel.SearchCasesAsync(new CaseFilter { NumberEndsWith = "2026000123" });

        Assert.Equal(["a"], whole.Items.Select(row => row.CaseId));
        Assert.Equal(["a", "b", "c"], three.Items.Select(row => row.CaseId).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "c"], six.Items.Select(row => row.CaseId).Order(StringComparer.Ordinal));
        Assert.Equal(["a"], withYear.Items.Select(row => row.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task opened_between_takes_the_cases_opened_in_that_period(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        for (var day = 0; day < 5; day++)
        {
            await readModel.ApplyAsync(Projection(Case($"d{day}", openedAt: Monday.AddDays(day))));
        }

        var page = await readModel.SearchCasesAsync(new CaseFilter { OpenedFrom = Monday.AddDays(1), OpenedBefore = Monday.AddDays(3) });

        Assert.Equal(["d2", "d1"], page.Items.Select(row => row.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_department_does_not_reach_a_case_through_a_skipped_step(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("live"), [Step("live", "review", department: "housing")]));
        await readModel.ApplyAsync(Projection(Case("skipped"), [Step("skipped", "review", department: "housing", status: "skipped")]));

        var page = await readModel.SearchCasesAsync(new CaseFilter(Department: "housing"));

        Assert.Equal(["live"], page.Items.Select(row => row.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, CaseOrder.Newest)]
    [InlineData(DatabaseProvider.Sqlite, CaseOrder.Due)]
    [InlineData(DatabaseProvider.PostgreSql, CaseOrder.Newest)]
    [InlineData(DatabaseProvider.PostgreSql, CaseOrder.Due)]
    public async Task following_cursors_reads_every_case_once_in_the_order_of_the_offset_pages(DatabaseProvider provider, CaseOrder order)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        // Ties in both orders: 4 opening instants and 3 promised dates over 23 cases.
        for (var i = 0; i < 23; i++)
        {
            await readModel.ApplyAsync(Projection(Case($"c{i:D2}", status: i % 2 == 0 ? "open" : "delivered", openedAt: Monday.AddHours(i % 4))
                with { PromisedBy = new DateOnly(2026, 3, 20 + (i % 3)) }));
        }

        var whole = (await readModel.SearchCasesAsync(new CaseFilter(PageSize: 200) { Order = order })).Items;
        var followed = new List<CaseRow>();
        var page = await readModel.SearchCasesAsync(new CaseFilter(PageSize: 5) { Order = order });
        while (true)
        {
            followed.AddRange(page.Items);
            if (page.Next is null)
            {
                break;
            }

            page = await readModel.SearchCasesAsync(new CaseFilter(PageSize: 5) { Order = order, After = CaseKey.Decode(page.Next, order) });
        }

        var openOnly = await readModel.SearchCasesAsync(new CaseFilter(Status: "open", PageSize: 5) { Order = order });
        var openSecond = await readModel.SearchCasesAsync(new CaseFilter(Status: "open", PageSize: 5) { Order = order, After = CaseKey.Decode(openOnly.Next, order) });

        Assert.Equal(23, whole.Count);
        Assert.Equal(whole.Select(row => row.CaseId), followed.Select(row => row.CaseId));
        Assert.Equal((5, 23L), (page.Page, page.Total));
        Assert.Equal(whole.Where(row => row.Status == "open").Skip(5).Take(5).Select(row => row.CaseId), openSecond.Items.Select(row => row.CaseId));
        Assert.Equal(order == CaseOrder.Due ? whole.OrderBy(row => row.PromisedBy).ThenBy(row => row.CaseId, StringComparer.Ordinal).Select(r => r.CaseId)
            : whole.OrderByDescending(row => row.OpenedAt).ThenBy(row => row.CaseId, StringComparer.Ordinal).Select(r => r.CaseId), whole.Select(r => r.CaseId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, CaseOrder.Newest)]
    [InlineData(DatabaseProvider.Sqlite, CaseOrder.Due)]
    [InlineData(DatabaseProvider.PostgreSql, CaseOrder.Newest)]
    [InlineData(DatabaseProvider.PostgreSql, CaseOrder.Due)]
    public async Task a_page_past_the_middle_read_from_the_end_holds_the_lines_of_its_offset(DatabaseProvider provider, CaseOrder order)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var index = new CaseSearchIndex(database);
        // Ties in both orders: 4 opening instants and 3 promised dates over 23 cases, 17 of them with the term.
        for (var i = 0; i < 23; i++)
        {
            await readModel.ApplyAsync(Projection(Case($"c{i:D2}", status: i % 2 == 0 ? "open" : "delivered", openedAt: Monday.AddHours(i % 4))
                with { PromisedBy = new DateOnly(2026, 3, 20 + (i % 3)) }));
            if (i % 4 != 3)
            {
                await index.IndexAsync([new CaseTerms($"c{i:D2}", ["k:wang"])]);
            }
        }

        foreach (var filter in new[] { new CaseFilter(PageSize: 5) { Order = order }, new CaseFilter(PageSize: 5) { Order = order, Term = "k:wang" } })
        {
            var whole = (await readModel.SearchCasesAsync(filter with { PageSize = 200 })).Items.Select(row => row.CaseId).ToList();
            for (var page = 1; page <= 6; page++)
            {
                var read = await readModel.SearchCasesAsync(filter with { Page = page });
                var expected = whole.Skip((page - 1) * 5).Take(5).ToList();

                Assert.Equal(expected, read.Items.Select(row => row.CaseId));
                Assert.Equal((long)whole.Count, read.Total);
                Assert.Equal(page * 5 < whole.Count, read.Next is not null);
                if (read.Next is not null)
                {
                    var next = await readModel.SearchCasesAsync(filter with { After = CaseKey.Decode(read.Next, order) });
                    Assert.Equal(whole.Skip(page * 5).Take(5), next.Items.Select(row => row.CaseId));
                }
            }
        }
    }

    [Fact]
    public void a_cursor_of_another_order_or_of_no_list_is_not_read()
    {
        var newest = new CaseKey(CaseOrder.Newest, Monday, null, "c1", 2).Encode();

        Assert.Equal(new CaseKey(CaseOrder.Newest, Monday, null, "c1", 2), CaseKey.Decode(newest, CaseOrder.Newest));
        Assert.Null(CaseKey.Decode(newest, CaseOrder.Due));
        Assert.Null(QueueKey.Decode(newest));
        Assert.Null(CaseKey.Decode("not a cursor!", CaseOrder.Newest));
        Assert.Null(CaseKey.Decode(new string('A', 600), CaseOrder.Newest));
        Assert.Null(CaseKey.Decode(new CaseKey(CaseOrder.Newest, Monday, null, "c1", 1).Encode(), CaseOrder.Newest));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_page_of_cases_comes_with_its_items_and_every_step_that_holds_it(DatabaseProvider provider)
    {
        var readModel = await ReadModelAsync(provider, postgres, folder);
        await readModel.ApplyAsync(Projection(Case("c1"),
        [
            Step("c1", "a", department: "hrss"), Step("c1", "b", department: "housing", status: "claimed"), Step("c1", "c", department: "health"),
            Step("c1", "d", department: "education", status: "returned"), Step("c1", "e", department: "finance"), Step("c1", "f", status: "waiting"),
            Step("c1", "g", status: "done"), Step("c1", "h", status: "pending"),
        ], items: [Item("c1", "settle-in"), Item("c1", "housing")]));

        var details = await readModel.DetailsAsync(["c1"]);

        Assert.Equal(["housing", "settle-in"], details.Items.Select(item => item.ItemId));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], details.Holding.Select(step => step.StepId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_backfill_reads_every_stored_case_state_of_the_service(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var index = new CaseSearchIndex(database);
        await ExecuteAsync(database, """
            INSERT INTO window_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
            VALUES ('window', 1, 'case', 1, 0, 0, 'c1', X'0102', 1), ('window', 1, 'case', 2, 0, 0, 'c2', X'03', 1),
                   ('window', 2, 'talent', 3, 0, 0, 't1', X'04', 1), ('other', 1, 'case', 4, 0, 0, 'c9', X'05', 1)
            """.Replace("X'", provider == DatabaseProvider.PostgreSql ? "'\\x" : "X'", StringComparison.Ordinal));

        var pending = await index.BackfillPendingAsync();
        var states = await index.StoredCaseStatesAsync("window").ToListAsync();
        await index.FinishBackfillAsync(states.Count, Monday);

        Assert.True(pending);
        Assert.Equal([("c1", new byte[] { 1, 2 }), ("c2", new byte[] { 3 })], states.OrderBy(s => s.CaseId, StringComparer.Ordinal).Select(s => (s.CaseId, s.Payload)));
        Assert.False(await index.BackfillPendingAsync());
    }

    public static TheoryData<DatabaseProvider, string, CaseFilter, string> Plans()
    {
        var data = new TheoryData<DatabaseProvider, string, CaseFilter, string>();
        var after = new CaseKey(CaseOrder.Newest, Monday, null, "c1", 3);
        var afterDue = new CaseKey(CaseOrder.Due, null, new DateOnly(2026, 3, 20), "c1", 3);
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(provider, "all, newest first", new CaseFilter(), "window_cases_opened");
            data.Add(provider, "all, newest first, after a key", new CaseFilter { After = after }, "window_cases_opened");
            data.Add(provider, "status, newest first, after a key", new CaseFilter(Status: "open") { After = after }, "window_cases_status");
            data.Add(provider, "officer and status, newest first", new CaseFilter(Status: "open", Officer: "wang"), "window_cases_officer");
            data.Add(provider, "all, by promised date, after a key", new CaseFilter { Order = CaseOrder.Due, After = afterDue }, "window_cases_due");
            data.Add(provider, "status, by promised date", new CaseFilter(Status: "open") { Order = CaseOrder.Due }, "window_cases_status_due");
            data.Add(provider, "officer and status, by promised date", new CaseFilter(Status: "open", Officer: "wang") { Order = CaseOrder.Due },
                "window_cases_officer_due");
            // SQLite walks the newest cases and probes each one's few steps by its key; PostgreSQL semi-joins the reached steps.
            data.Add(provider, "department, newest first", new CaseFilter(Department: "housing"),
                provider == DatabaseProvider.Sqlite ? "window_cases_opened" : "window_steps_department_reached");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task a_list_page_is_one_ordered_range_of_its_index(DatabaseProvider provider, string name, CaseFilter filter, string index)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var statements = new CaseSearch(database).Statements(filter with { PageSize = 20 });

        var plan = await QueryPlans.ExplainAsync(database, statements.Page, Parameters(statements.PageParameters));

        Assert.True(plan.Contains(index, StringComparison.Ordinal), $"{name}: {plan}");
        Assert.False(plan.Contains("Sort", StringComparison.Ordinal) || plan.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{name}: {plan}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_search_by_term_or_last_digits_reads_the_terms_key_and_the_cases_key(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var search = new CaseSearch(database);

        foreach (var filter in new[] { new CaseFilter { Term = "k:abc" }, new CaseFilter { NumberEndsWith = "123" } })
        {
            var statements = search.Statements(filter with { PageSize = 20 });
            var plan = await QueryPlans.ExplainAsync(database, statements.Page, Parameters(statements.PageParameters));

            // SQLite names the table by its alias (t), PostgreSQL by its index; a term's newest cases are a range of its copy
            // of their opening instant.
            Assert.Matches("window_case_search_terms_(pk|newest)|SEARCH t USING (PRIMARY KEY|INDEX window_case_search_terms_newest)", plan);
            Assert.DoesNotContain("SCAN c", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
    }

    private static async Task ExecuteAsync(WindowDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static IEnumerable<(string, object?, DbType)> Parameters(IReadOnlyList<(string Name, SqlValue Value)> parameters) =>
        parameters.Select(p => (p.Name, p.Value.Content, p.Value.Type));
}
