using Orleans.Storage;
using Window.Grains;
using Window.Host.Hosting;
using Window.Host.Privacy;
using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>
/// Makes the cases stored before search existed (migration 0016) searchable: once the host has started, while
/// <c>window_search_backfill</c> says it is not done, reads every case's stored grain state in one pass (the Orleans
/// storage row, deserialized as the grain would, without activating a million grains), unseals the talent's identity
/// in memory only, and stores the case's search terms. New cases get theirs when they are opened (<see cref="Api.CaseOpening"/>).
/// A pass cut short (a restart, the database away) is retried on the next tick from the start: storing terms is idempotent.
/// Hosts of a cluster may run it side by side; the first to finish marks it done.
/// </summary>
public sealed partial class SearchBackfill(
    CaseSearchIndex index,
    CaseSearchKeys keys,
    PersonalDataProtector protector,
    IGrainStorageSerializer serializer,
    WindowSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SearchBackfill> logger) : PeriodicPass(TimeSpan.FromMinutes(1), time, lifetime, logger)
{
    private const int BatchSize = 500;
    private volatile bool done;

    /// <summary>Indexes every stored case when the backfill is not done yet; returns how many cases it indexed.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        if (done || !await index.BackfillPendingAsync(cancellationToken))
        {
            done = true;
            return 0;
        }

        long indexed = 0, unreadable = 0;
        var batch = new List<CaseTerms>(BatchSize);
        await foreach (var stored in index.StoredCaseStatesAsync(settings.ServiceId, cancellationToken))
        {
            if (Terms(stored) is { } terms)
            {
                batch.Add(terms);
            }
            else
            {
                unreadable++;
            }

            if (batch.Count == BatchSize)
            {
                await index.IndexAsync(batch, cancellationToken);
                indexed += batch.Count;
                batch.Clear();
            }
        }

        await index.IndexAsync(batch, cancellationToken);
        indexed += batch.Count;
        await index.FinishBackfillAsync(indexed, Clock.GetUtcNow(), cancellationToken);
        done = true;
        LogBackfilled(indexed, unreadable);
        return indexed;
    }

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <summary>The terms of one stored case; <see langword="null"/> for a state that holds no opened case.</summary>
    private CaseTerms? Terms(StoredCaseState stored)
    {
        if (serializer.Deserialize<CaseState>(new BinaryData(stored.Payload)) is not { Number: { Length: > 0 } number } state
            || state.SealedIdentity.Length == 0)
        {
            return null;
        }

        return new CaseTerms(stored.CaseId, keys.TermsOf(number, protector.Unseal(state.SealedIdentity)));
    }

    // Counts only: no case id, number or term reaches the log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Search backfill done: {Indexed} stored cases indexed, {Skipped} states without an opened case")]
    private partial void LogBackfilled(long indexed, long skipped);
}
