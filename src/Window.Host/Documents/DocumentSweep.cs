using Window.Host.Hosting;
using Window.Storage.Documents;

namespace Window.Host.Documents;

/// <summary>
/// Issues the documents of acts that have none: a host that crashed between a command and its document, or a document
/// that failed to render. Every <c>Window:Documents:SweepPeriod</c> it reads the acts journaled since its mark (less
/// <c>SweepOverlap</c>, for projections written late) up to <c>SweepGrace</c> ago (the command path issues those), issues
/// what is missing and moves the mark up to the first act it could not issue. Hosts of a cluster may sweep together:
/// an act gets one document whoever issues it.
/// </summary>
public sealed class DocumentSweep(
    IDocumentStore store, DocumentIssuer issuer, DocumentOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<DocumentSweep> logger)
    : PeriodicPass(options.SweepPeriod, time, lifetime, logger)
{
    private const int Batch = 200;

    /// <summary>One sweep; answers how many documents it issued.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var until = Clock.GetUtcNow() - options.SweepGrace;
        var after = (await store.SweptUntilAsync(cancellationToken) ?? until) - options.SweepOverlap;
        var kinds = DocumentKinds.All.Select(kind => kind.Act).Distinct(StringComparer.Ordinal).ToList();
        DateTimeOffset? firstFailure = null;
        var issued = 0;
        while (true)
        {
            var acts = await store.UndocumentedActsAsync(kinds, after, until, Batch, cancellationToken);
            foreach (var group in acts.GroupBy(act => act.CaseId, StringComparer.Ordinal))
            {
                var result = await issuer.IssuePendingAsync(group.Key, cancellationToken);
                issued += result.Created.Count;
                if (result.Failed)
                {
                    var at = group.Min(act => act.At);
                    firstFailure = firstFailure is { } earlier && earlier < at ? earlier : at;
                }
            }

            if (acts.Count < Batch)
            {
                break;
            }

            after = acts[^1].At;
        }

        await store.MarkSweptAsync(firstFailure is { } failed ? failed.AddTicks(-10) : until, cancellationToken);
        return issued;
    }

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);
}
