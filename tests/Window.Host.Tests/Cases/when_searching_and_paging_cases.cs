using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Privacy;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// Issue 18 through HTTP on both databases: the header's search (a number whole or by its last digits, a name, an ID
/// number, a phone) held to what the reader may see, and pages of every list and queue with their total and cursor.
/// </summary>
public sealed class when_searching_and_paging_cases(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_desk_finds_a_case_by_its_number_its_last_digits_the_name_the_id_number_or_the_phone(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var idWithX = IdNumberEndingInX();
        var ouyang = await OpenAsync(desk, "medical-checkup", "欧阳明月", idWithX, "13800138000");
        var zhang = await OpenAsync(desk, "medical-checkup", "Zhang San", Api.NewIdNumber(), "13900139000");
        var other = await OpenAsync(desk, "living-allowance", "欧阳明", Api.NewIdNumber(), "13700137000");

        Assert.Equal([ouyang.Id], await FoundAsync(desk, ouyang.Number.ToLowerInvariant()));
        Assert.Equal([zhang.Id], await FoundAsync(desk, zhang.Number[^6..]));
        Assert.Equal([zhang.Id], await FoundAsync(desk, "RC" + zhang.Number[^4..]));
        Assert.Equal([ouyang.Id], await FoundAsync(desk, " 欧阳 明月 "));
        Assert.Equal([ouyang.Id], await FoundAsync(desk, "欧阳明月"));
        Assert.Equal([zhang.Id], await FoundAsync(desk, "zhang   san"));
        Assert.Equal([zhang.Id], await FoundAsync(desk, "ＺＨＡＮＧ　ＳＡＮ"));
        Assert.Equal([ouyang.Id], await FoundAsync(desk, idWithX[..17] + "x"));
        Assert.Equal([ouyang.Id], await FoundAsync(desk, $" {idWithX[..6]} {idWithX[6..14]} {idWithX[14..]} "));
        Assert.Equal([other.Id], await FoundAsync(desk, "+86 137-0013-7000"));
        Assert.Equal([zhang.Id], await FoundAsync(desk, "008613900139000"));
        Assert.Empty(await FoundAsync(desk, "欧阳"));
        Assert.Empty(await FoundAsync(desk, "13600136000"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_department_finds_only_the_cases_that_reach_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var checkup = await OpenAsync(desk, "medical-checkup", "上官婉儿", Api.NewIdNumber(), "13800000001");
        var apartment = await OpenAsync(desk, "talent-apartment", "上官婉儿", Api.NewIdNumber(), "13800000002");
        using var health = app.Department("health");

        var byName = await FoundAsync(health, "上官婉儿");
        var byNumber = await FoundAsync(health, apartment.Number);
        var deskSees = await FoundAsync(desk, "上官婉儿");
        var elsewhere = await health.PostAsJsonAsync("/api/cases/search", new { query = "上官婉儿", department = "housing" });
        var listed = await health.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?status=open");

        Assert.Equal([checkup.Id], byName);
        Assert.Empty(byNumber);
        Assert.Equal(new[] { apartment.Id, checkup.Id }.Order(StringComparer.Ordinal), deskSees.Order(StringComparer.Ordinal));
        await elsewhere.ProblemAsync(403);
        Assert.Equal([checkup.Id], listed.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task pages_of_cases_reach_every_case_by_number_or_by_cursor_with_the_total(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = new List<CaseDto>();
        for (var i = 0; i < 7; i++)
        {
            opened.Add(await OpenAsync(desk, "medical-checkup", "慕容复", Api.NewIdNumber(), $"1380000{i:D4}"));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?pageSize=3");
        var second = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>($"/api/cases?pageSize=3&cursor={first.NextCursor}");
        var third = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>($"/api/cases?pageSize=3&cursor={second.NextCursor}");
        var thirdByNumber = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?pageSize=3&page=3");
        var searched = await SearchPageAsync(desk, new { query = "慕容复", pageSize = 5 });
        var searchedNext = await SearchPageAsync(desk, new { query = "慕容复", pageSize = 5, cursor = searched.NextCursor });
        var byDue = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?sort=due&pageSize=200");
        var today = DateQuery.Format(Window.Workflows.Calendar.OfficeTime.DateOf(app.Clock.GetUtcNow()));
        var openedToday = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>($"/api/cases?openedFrom={today}&openedTo={today}&item=medical-checkup");
        var openedBefore = await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?openedTo=2026-11-22");

        var newestFirst = opened.AsEnumerable().Reverse().Select(c => c.Id).ToList();
        Assert.Equal((7L, false, 1, 3), (first.Total, first.TotalIsLowerBound, first.Page, first.PageSize));
        Assert.Equal(newestFirst, first.Items.Concat(second.Items).Concat(third.Items).Select(c => c.Id));
        Assert.Equal((2, 3), (second.Page, third.Page));
        Assert.Null(third.NextCursor);
        Assert.Equal(third.Items.Select(c => c.Id), thirdByNumber.Items.Select(c => c.Id));
        Assert.Equal(newestFirst, searched.Items.Concat(searchedNext.Items).Select(c => c.Id));
        Assert.Equal((7L, 2), (searched.Total, searchedNext.Items.Count));
        Assert.Equal(byDue.Items.OrderBy(c => c.PromisedBy).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), byDue.Items.Select(c => c.Id));
        Assert.Equal(7, openedToday.Total);
        Assert.Equal(0, openedBefore.Total);
        var line = first.Items[0];
        Assert.Equal("医疗体检", Assert.Single(line.Items).Name.Zh);
        Assert.Equal(("health", "卫健委"), (Assert.Single(line.WaitingOn).Department, line.WaitingOn[0].DepartmentName?.Zh));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_department_queue_pages_with_its_total_and_cursor(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        for (var i = 0; i < 5; i++)
        {
            await OpenAsync(desk, "medical-checkup", "令狐冲", Api.NewIdNumber(), $"1390000{i:D4}");
        }

        using var health = app.Department("health");
        var all = await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue");
        var first = await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue?pageSize=2");
        var second = await health.GetJsonAsync<PageDto<QueueEntryDto>>($"/api/departments/health/queue?pageSize=2&cursor={first.NextCursor}");
        var third = await health.GetJsonAsync<PageDto<QueueEntryDto>>($"/api/departments/health/queue?pageSize=2&cursor={second.NextCursor}");
        var claimed = await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue?status=claimed");

        Assert.Equal((5L, 5), (all.Total, all.Items.Count));
        Assert.Equal(all.Items.Select(e => e.CaseId), first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.CaseId));
        Assert.Equal((3, 1), (third.Page, third.Items.Count));
        Assert.Null(third.NextCursor);
        Assert.Equal(0, claimed.Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task bad_paging_filters_or_queries_are_problems_naming_the_field_and_change_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        using var health = app.Department("health");
        await OpenAsync(desk, "medical-checkup", "段誉", Api.NewIdNumber(), "13800009999");
        var queueCursor = (await health.GetJsonAsync<PageDto<QueueEntryDto>>("/api/departments/health/queue?pageSize=1")).NextCursor;
        var newestCursor = (await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases?pageSize=1")).NextCursor;

        foreach (var (path, field) in new[]
        {
            ("/api/cases?pageSize=0", "pageSize"), ("/api/cases?pageSize=201", "pageSize"), ("/api/cases?pageSize=abc", "pageSize"),
            ("/api/cases?page=0", "page"), ("/api/cases?page=1000&pageSize=200", "page"), ("/api/cases?cursor=not-a-cursor", "cursor"),
            ("/api/cases?cursor=", "cursor"), ($"/api/cases?page=2&cursor={newestCursor}", "cursor"), ($"/api/cases?sort=due&cursor={newestCursor}", "cursor"),
            ($"/api/cases?cursor={queueCursor}", "cursor"), ("/api/cases?sort=oldest", "sort"), ("/api/cases?openedFrom=2026-13-01", "openedFrom"),
            ("/api/cases?openedFrom=2026-11-23&openedTo=2026-11-20", "openedTo"), ("/api/cases?status=lost", "status"),
        })
        {
            var problem = await (await desk.GetAsync(new Uri(path, UriKind.Relative))).ProblemAsync(400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{path}: {problem}");
        }

        foreach (var (path, field) in new[]
        {
            ("/api/departments/health/queue?pageSize=500", "pageSize"), ("/api/departments/health/queue?page=-1", "page"),
            ("/api/departments/health/queue?cursor=AAAA", "cursor"), ($"/api/departments/health/queue?cursor={newestCursor}", "cursor"),
            ("/api/departments/health/queue?status=pending", "status"), ("/api/departments/health/queue?light=purple", "light"),
            ("/api/departments/health/queue?item=nothing", "item"),
        })
        {
            var problem = await (await health.GetAsync(new Uri(path, UriKind.Relative))).ProblemAsync(400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{path}: {problem}");
        }

        foreach (var (body, field) in new (object, string)[]
        {
            (new { }, "query"), (new { query = " " }, "query"), (new { query = "12" }, "query"), (new { query = "123456789012345" }, "query"),
            (new { query = new string('名', 51) }, "query"), (new { query = "张三\u0007" }, "query"), (new { query = "张三", pageSize = 300 }, "pageSize"),
            (new { query = "张三", cursor = "x" }, "cursor"), (new { query = 42 }, "query"),
        })
        {
            var problem = await (await desk.PostAsJsonAsync("/api/cases/search", body)).ProblemAsync(400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{JsonSerializer.Serialize(body)}: {problem}");
        }

        Assert.Equal(1, (await desk.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases")).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_searched_value_reaches_no_log_and_no_address(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var idNumber = Api.NewIdNumber();
        await OpenAsync(desk, "medical-checkup", "独孤求败", idNumber, "13512345678");

        foreach (var query in new[] { "独孤求败", idNumber, "13512345678", "不存在的人" })
        {
            var response = await desk.PostAsJsonAsync("/api/cases/search", new { query });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(query, response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        }

        var lines = app.Logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var secret in new[] { "独孤求败", idNumber, idNumber[^6..], "13512345678", "不存在的人" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task cases_stored_by_the_previous_version_become_searchable()
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "previous-version", "c08f968");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var ids = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(source, "cases.json")))!;
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var indexed = await app.Services.GetRequiredService<SearchBackfill>().RunAsync();
        var byName = await FoundAsync(desk, "张三丰");
        var byId = await FoundAsync(desk, IdNumberOfFixture(1));
        var byPhone = await FoundAsync(desk, "138 1234 5678");
        var byDigits = await FoundAsync(desk, "000005");

        // The pass ran at start (or just now): the five cases are indexed once, and a second run finds nothing to do.
        Assert.InRange(indexed, 0, 5);
        Assert.Equal(0, await app.Services.GetRequiredService<SearchBackfill>().RunAsync());
        Assert.Equal(ids.Values.Order(StringComparer.Ordinal), byName.Order(StringComparer.Ordinal));
        Assert.Equal([ids["open"]], byId);
        Assert.Equal(5, byPhone.Count);
        Assert.Equal([ids["bundle"]], byDigits);
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_search_backfill WHERE finished_at IS NOT NULL"));
    }

    /// <summary>The ID number make.py gave the fixture's talent number <paramref name="seq"/>.</summary>
    private static string IdNumberOfFixture(int seq)
    {
        var first17 = $"11010519800101{seq:D3}";
        return first17 + IdNumbers.CheckCharacter(first17);
    }

    /// <summary>A valid ID number whose check character is X (the upper/lower case of it must not matter).</summary>
    private static string IdNumberEndingInX()
    {
        for (var serial = 0; ; serial++)
        {
            var first17 = $"33010619850505{serial:D3}";
            if (IdNumbers.CheckCharacter(first17) == 'X')
            {
                return first17 + "X";
            }
        }
    }

    private static async Task<CaseDto> OpenAsync(HttpClient desk, string item, string name, string idNumber, string phone)
    {
        var materials = (await desk.ChecklistAsync(item)).Where(m => m.Required).Select(m => m.Id).ToList();
        var response = await desk.CommandAsync("/api/cases", new { talent = new { name, idNumber, phone, tier = "C" }, items = new[] { item }, materials, deferred = Array.Empty<object>() });
        return await response.ReadAsync<CaseDto>();
    }

    private static async Task<PageDto<CaseSummaryDto>> SearchPageAsync(HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/cases/search", body)).ReadAsync<PageDto<CaseSummaryDto>>();

    /// <summary>The ids of every case a search finds, in its order (all statuses).</summary>
    private static async Task<List<string>> FoundAsync(HttpClient client, string query) =>
        [.. (await SearchPageAsync(client, new { query, pageSize = 200 })).Items.Select(c => c.Id)];
}
