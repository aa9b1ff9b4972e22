using System.Net;
using Window.Contracts;
using Window.Host.Tests.Cases;
using Window.Host.Tests.Sla;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Ui;

/// <summary>
/// The supervisor's dashboard as the server renders it: an overdue step reads with the item's and step's Chinese names,
/// the department's name, the officer's display name and its last day with the working days it is overdue, never
/// an id, a login or "00:00 of the next day".
/// </summary>
public sealed class when_a_supervisor_reads_the_breaches(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_overdue_step_reads_in_words(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        // The talent office's review is due by Monday 30 November (stored as 1 December 00:00); on Wednesday 2 December
        // it is two working days overdue.
        app.Clock.Advance(new DateTimeOffset(2026, 12, 2, 10, 0, 0, SlaRequests.Beijing) - app.Clock.GetUtcNow());
        await app.WatchAsync();

        var page = await app.As("supervisor", Roles.Supervisor).GetAsync(new Uri("/supervisor", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        var row = Row(html, $"breach-{opened.Number}-housing-subsidy-talent-office-review");
        Assert.Contains("购房补贴 · 人才办资格初审", row, StringComparison.Ordinal);
        Assert.Matches("<td[^>]*>人才办</td>", row);
        Assert.Contains("人才专员 李强", row, StringComparison.Ordinal);
        Assert.Contains("2026年11月30日（周一） · 已超期2个工作日", row, StringComparison.Ordinal);
        Assert.DoesNotContain("talent-office-review", row.Replace("data-testid=\"breach-", "", StringComparison.Ordinal).Split('>', 2)[1], StringComparison.Ordinal);
        Assert.DoesNotContain("00:00", row, StringComparison.Ordinal);
    }

    /// <summary>The table row with the test id, as rendered.</summary>
    private static string Row(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row {testId} in:\n{html}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
