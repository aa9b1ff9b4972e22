using Window.Storage.Studio;

namespace Window.Host.Studio;

/// <summary>
/// At start (after the migrations): imports the seed catalogue if needed, loads the stored one, and refuses to start when an
/// unfinished case names an item version the store does not have, since every later question about that case would fail.
/// </summary>
public sealed partial class StudioStartup(StudioCatalog catalog, SqlWorkflowDefinitionStore store, ILogger<StudioStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var stored = (await store.VersionsAsync(cancellationToken)).Select(v => (v.ItemId, v.Version)).ToHashSet();
        var missing = (await store.VersionsOfOpenCasesAsync(cancellationToken)).Where(v => !stored.Contains(v)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Select(m => $"{m.ItemId} v{m.Version}"));
            LogMissingVersions(list);
            throw new InvalidOperationException(
                $"Open cases use item versions the workflow store does not have: {list}. Restore those versions (window_workflow_versions) " +
                "or a backup of the database before starting; no version in use may ever be removed.");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Window cannot start: open cases use item versions the workflow store does not have: {Versions}")]
    private partial void LogMissingVersions(string versions);
}
