using Window.Host.Hosting;
using Window.Storage.Materials;

namespace Window.Host.Materials;

/// <summary>
/// Purges the bytes of files no case needs any more (each purge journaled on the cases that linked the file): files of
/// delivered cases after the archive period (<c>Window:Materials:ArchiveYears</c>, default 10), files of withdrawn or
/// terminated cases after <c>AbandonedRetention</c> (default a year). What the law requires of those cases stays: the
/// journal of the case and its issued documents (acceptance, refusal or termination notices) are not touched. A file that
/// another, still kept case of the talent links stays.
/// </summary>
public sealed class MaterialRetention(
    IMaterialFileStore store, MaterialOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<MaterialRetention> logger)
    : PeriodicPass(options.PurgePeriod, time, lifetime, logger)
{
    private const int Batch = 100;

    /// <summary>One pass; answers how many files it purged.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow();
        var purged = 0;
        int batch;
        do
        {
            batch = await store.PurgeAsync(now.AddYears(-options.ArchiveYears), now - options.AbandonedRetention, now, Batch, cancellationToken);
            purged += batch;
        }
        while (batch == Batch);

        if (purged > 0)
        {
            logger.LogInformation("Material retention purged {Files} files", purged);
        }

        return purged;
    }

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);
}
