using Window.Storage.ReadModel;
using Window.Testing;
using static Window.Storage.Tests.ReadModel.Projections;

namespace Window.Storage.Tests.ReadModel;

/// <summary>
/// A case's command spans live in the read model once they have left its state (<c>window_case_spans</c>, issue 26): stored
/// once per number, read back as a range before the state's tail, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_storing_command_spans(PostgresServer postgres) : IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task spans_read_back_in_order_before_a_number_and_are_never_rewritten(DatabaseProvider provider)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var readModel = new SqlReadModel(database);
        var journal = new CaseJournal(database);
        var at = new DateTimeOffset(2026, 3, 2, 17, 0, 0, Beijing);
        var utc = at.ToUniversalTime();
        SpanRow Span(int n, string name = "visit") =>
            new("c1", n, $"{n:x16}", name, at.AddHours(n), TimeSpan.FromTicks(12_340 + n), n, n % 2 == 0 ? "health" : null, n % 2 == 0 ? "checkup.exam" : null);

        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 1)) with { Spans = [Span(1, "open"), Span(2), Span(3)] }));
        // A later projection sends the next spans and, after a repair, some again (changed here to show they are kept).
        Assert.True(await readModel.ApplyAsync(Projection(Case("c1", version: 2)) with { Spans = [Span(3, "changed"), Span(4), Span(5)] }));
        Assert.True(await readModel.ApplyAsync(Projection(Case("c2", version: 1)) with { Spans = [Span(1) with { CaseId = "c2" }] }));

        var before = await journal.SpansAsync("c1", 5);

        Assert.Equal([.. new[] { Span(1, "open"), Span(2), Span(3), Span(4) }.Select(s => s with { StartedAt = utc.AddHours(s.Number) })], before);
        Assert.All(before, s => Assert.Equal(TimeSpan.Zero, s.StartedAt.Offset));
        Assert.Empty(await journal.SpansAsync("c1", 1));
        Assert.Single(await journal.SpansAsync("c2", int.MaxValue));
    }
}
