using System.Net;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// The public lookup as a talent types it (issue 18): any case, spaces around, full-width characters from a Chinese input
/// method; and what the page shows besides progress: what to bring and by when, a 公示's last day, 已评价.
/// </summary>
public sealed class when_a_talent_follows_a_case(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_number_and_code_are_found_in_any_case_with_spaces_around_and_in_full_width(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var talent = app.Anonymous();

        var lower = await LookupAsync(talent, " " + opened.Number.ToLowerInvariant() + " ", "  " + opened.LookupCode.ToLowerInvariant() + " ");
        var wide = await LookupAsync(talent, FullWidth(opened.Number), FullWidth(opened.LookupCode.ToLowerInvariant()));

        Assert.Equal(opened.Number, (await lower.ReadAsync<PublicCaseDto>()).Number);
        Assert.Equal(opened.Number, (await wide.ReadAsync<PublicCaseDto>()).Number);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task wrong_codes_count_against_the_number_however_it_is_typed(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var talent = app.Anonymous();
        string[] spellings = [opened.Number, opened.Number.ToLowerInvariant(), " " + opened.Number + " ", FullWidth(opened.Number)];

        for (var guess = 0; guess < 10; guess++)
        {
            await (await LookupAsync(talent, spellings[guess % spellings.Length], $"WRONG{guess:D3}")).ProblemAsync(404);
        }

        var right = await LookupAsync(talent, opened.Number, opened.LookupCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_rating_sent_in_lower_case_is_remembered_and_shown_as_rated_on_the_next_lookup(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(3));
        using var talent = app.Anonymous();
        var before = await (await LookupAsync(talent, opened.Number, opened.LookupCode)).ReadAsync<PublicCaseDto>();

        var rated = await (await talent.CommandAsync($"/api/public/cases/{opened.Number.ToLowerInvariant()}/evaluation", new { code = " " + opened.LookupCode.ToLowerInvariant(), level = 4 }))
            .ReadAsync<PublicCaseDto>();
        var later = await (await LookupAsync(talent, opened.Number.ToLowerInvariant(), opened.LookupCode)).ReadAsync<PublicCaseDto>();

        Assert.True(before.CanEvaluate);
        Assert.Null(before.EvaluatedOn);
        Assert.Equal(4, rated.Evaluation);
        Assert.False(later.CanEvaluate);
        Assert.Equal(4, later.Evaluation);
        Assert.Equal(new DateOnly(2026, 11, 23), later.EvaluatedOn);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_talent_sees_what_to_bring_by_when_in_checklist_order_and_who_asked_for_it(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var required = (await desk.ChecklistAsync("talent-apartment")).Where(m => m.Required && m.Id != "housing-status").Select(m => m.Id).ToList();
        var opened = await (await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(),
            items = new[] { "talent-apartment" },
            materials = required,
            deferred = new[] { new { material = "housing-status", due = "2026-11-27" } },
        })).ReadAsync<CaseDto>();
        var review = opened.Steps.Single(s => s.Status == "ready");
        using var housing = app.Department(review.Department!);
        var returned = await (await housing.CommandAsync($"/api/cases/{opened.Id}/steps/{review.Id}/complete", new { outcome = "return", missing = new[] { "social-insurance-record" } }))
            .ReadAsync<CaseDto>();

        var progress = await (await LookupAsync(app.Anonymous(), opened.Number, opened.LookupCode)).ReadAsync<PublicCaseDto>();

        Assert.Equal(["social-insurance-record", "housing-status"], progress.ToBring.Select(m => m.Id));
        var requested = progress.ToBring[0];
        // A return sets its last day (the item's supplementDays by default, issue 20): the talent sees it.
        var supplementDue = returned.Steps.Single(s => s.Id == review.Id).SupplementDue;
        Assert.NotNull(supplementDue);
        Assert.Equal(("requested", supplementDue, "住建局"), (requested.Status, requested.Due, requested.AskedBy?.Zh));
        Assert.Equal("社保缴纳记录", requested.Name.Zh);
        var deferred = progress.ToBring[1];
        Assert.Equal(("deferred", new DateOnly(2026, 11, 27), null), (deferred.Status, deferred.Due, deferred.AskedBy));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_public_notice_under_way_shows_its_last_day(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("talent-certification");
        using var hrss = app.Department("hrss");
        foreach (var step in new[] { "talent-certification.hrss-review", "talent-certification.expert-review" })
        {
            await (await hrss.CommandAsync($"/api/cases/{opened.Id}/steps/{step}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
        }

        var progress = await (await LookupAsync(app.Anonymous(), opened.Number, opened.LookupCode)).ReadAsync<PublicCaseDto>();

        // Five working days from Monday 23 November: the notice runs to the end of Monday 30 November.
        var notice = progress.Steps.Single(s => s.Name.Zh.StartsWith("公示", StringComparison.Ordinal));
        Assert.Equal("waiting", notice.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), notice.WaitLastDay);
        Assert.Null(notice.WaitUntil);
        Assert.All(progress.Steps.Where(s => s != notice), s => Assert.Null(s.WaitLastDay));
        Assert.Empty(progress.ToBring);
    }

    private static Task<HttpResponseMessage> LookupAsync(HttpClient client, string number, string code) =>
        client.GetAsync(new Uri($"/api/public/cases/{Uri.EscapeDataString(number)}?code={Uri.EscapeDataString(code)}", UriKind.Relative));

    /// <summary>What a Chinese input method in full-width mode types: ＲＣ－２０２６－０００００１.</summary>
    private static string FullWidth(string ascii) => string.Concat(ascii.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c));
}
