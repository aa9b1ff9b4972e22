using Microsoft.Extensions.Time.Testing;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Sla;

public sealed class when_two_watchers_run_at_once(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task each_change_reaches_each_recipient_exactly_once(DatabaseProvider provider)
    {
        var db = await SlaDatabase.CreateAsync(provider, postgres, folder);
        for (var n = 0; n < 20; n++)
        {
            var caseId = $"c{n}";
            await db.ReadModel.ApplyAsync(new CaseProjection(
                new CaseRow(caseId, $"RC-2026-{n:D6}", "t", null, "open", "wang", Now.AddDays(-10), new DateOnly(2026, 12, 20), null, null, "red",
                    null, null, 1, null, 1),
                [], [], [],
                [
                    new EventRow(caseId, 1, Now.AddDays(-10), "desk", "desk", null, "accepted", null, null, null, null, null),
                    new EventRow(caseId, 2, Now.AddDays(-2), "system", "system", "housing", "light-changed", "housing-subsidy", "housing-verification", "yellow", null, null),
                    new EventRow(caseId, 3, Now.AddDays(-1), "system", "system", "housing", "light-changed", "housing-subsidy", "housing-verification", "red", null, null),
                    new EventRow(caseId, 4, Now, "system", "system", null, "light-changed", null, null, "red", null, null),
                ]));
        }

        var clock = new FakeTimeProvider(Now);
        var first = db.Dispatcher(clock);
        var second = db.Dispatcher(clock);

        var done = await Task.WhenAll(first.DispatchOnceAsync(), second.DispatchOnceAsync(), first.DispatchOnceAsync(), second.DispatchOnceAsync());

        Assert.Equal(60, done.Sum());
        // yellow step: housing + wang; red step: housing + wang + zhao + qian; red case: wang + zhao + qian.
        foreach (var (user, expected) in new[] { ("housing", 2), ("wang", 3), ("zhao", 2), ("qian", 2) })
        {
            var (entries, unread) = await db.Store.InboxAsync(user, 1000);
            Assert.Equal(20 * expected, entries.Count);
            Assert.Equal(20 * expected, unread);
            Assert.Equal(entries.Count, entries.Select(e => (e.CaseId, e.Seq)).Distinct().Count());
        }

        Assert.Empty(await db.Store.PendingNotificationsAsync(Now.AddDays(1), 100));
    }
}
