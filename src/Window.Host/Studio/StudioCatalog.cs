using Window.Storage.Studio;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Studio;

/// <summary>
/// Keeps this host's catalogue (<see cref="CatalogSource"/>) equal to the stored one. At first use it imports the seed catalogue
/// (<c>workflows/</c>, already loaded and validated at start-up) when the store is empty, and any shipped item version newer than
/// the store's newest of that item (so a deployment that ships a file still works; the store otherwise wins). Then
/// <see cref="RefreshAsync"/> rebuilds the catalogue whenever the journal's stamp moved: called by <see cref="StudioPoll"/> every
/// few seconds on every host, and at once by the host that made a change.
/// </summary>
public sealed partial class StudioCatalog(IWorkflowDefinitionStore store, WorkflowCatalog shipped, CatalogSource source, TimeProvider time, ILogger<StudioCatalog> logger) : IDisposable
{
    /// <summary>The user name the shipped catalogue is published by.</summary>
    public const string SeedUser = "seed";

    private readonly SemaphoreSlim gate = new(1, 1);
    private long applied = -1;
    private volatile bool loaded;

    /// <summary>Imports the seed once and loads the stored catalogue; later calls return at once.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        if (loaded)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!loaded)
            {
                await ImportShippedAsync(cancellationToken);
                await ReloadAsync(cancellationToken);
                loaded = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Rebuilds the catalogue from the store if anything was published, retracted or renamed since the last time.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            await EnsureLoadedAsync(cancellationToken);
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies a version this host has just stored, before the next refresh reads it back.</summary>
    public void Apply(WorkflowDefinition published)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (source.Current.FindItem(published.Id, published.Version) is null && (source.Current.NewestItem(published.Id)?.Version ?? 0) < published.Version)
        {
            source.Publish(published);
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    private async Task ImportShippedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var departments = shipped.Departments.Values.Select(d => new StoredDepartment(d.Id, d.Name.Zh, d.Name.En)).ToList();
        var versions = shipped.Items.Select(i => new StoredItemVersion(i.Id, i.Version, DefinitionJson.Write(i), now, SeedUser)).ToList();
        if (await store.SeedAsync(versions, departments, SeedUser, now, cancellationToken))
        {
            LogSeeded(versions.Count, departments.Count);
            return;
        }

        var storedDepartments = (await store.DepartmentsAsync(cancellationToken)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var department in departments.Where(d => !storedDepartments.Contains(d.Id)))
        {
            await store.AddDepartmentAsync(department, SeedUser, now, cancellationToken);
        }

        var newest = (await store.VersionsAsync(cancellationToken)).GroupBy(v => v.ItemId).ToDictionary(g => g.Key, g => g.Max(v => v.Version), StringComparer.Ordinal);
        foreach (var version in versions.Where(v => v.Version > newest.GetValueOrDefault(v.ItemId)))
        {
            if (await store.PublishAsync(version, null, $"imported from workflows/{version.ItemId}.json", cancellationToken))
            {
                LogImported(version.ItemId, version.Version);
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stamp = await store.StampAsync(cancellationToken);
        if (stamp == applied)
        {
            return;
        }

        var departments = (await store.DepartmentsAsync(cancellationToken)).Select(d => new Department(d.Id, new LocalizedName(d.NameZh, d.NameEn))).ToList();
        var known = departments.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var items = new List<WorkflowDefinition>();
        var retracted = new List<(string, int)>();
        foreach (var version in await store.VersionsAsync(cancellationToken))
        {
            var read = DefinitionJson.Read(version.Json, known, $"{version.ItemId}.v{version.Version}");

            // A stored version was valid when published and departments are never removed, so this is a damaged store: say so loudly.
            var item = read.Item ?? throw new CatalogValidationException(read.Problems);
            items.Add(item);
            if (version.RetractedAt is not null)
            {
                retracted.Add((item.Id, item.Version));
            }
        }

        source.WithDefinitions(departments, items, retracted);
        applied = stamp;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow studio: imported the shipped catalogue ({Versions} item versions, {Departments} departments)")]
    private partial void LogSeeded(int versions, int departments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow studio: imported the shipped {Item} version {Version}, newer than the stored ones")]
    private partial void LogImported(string item, int version);
}
