namespace Window.Storage.Studio;

/// <summary>An <see cref="IWorkflowDefinitionStore"/> in memory, for one process; the SQL store is the real one.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Lock gate = new();
    private readonly List<StoredItemVersion> stored = [];
    private readonly List<StoredDepartment> named = [];
    private readonly List<StoredDraft> drafts = [];
    private readonly List<StoredPublication> journal = [];

    /// <inheritdoc />
    public Task<long> StampAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(journal.Count == 0 ? 0 : journal[^1].Seq);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredItemVersion>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredItemVersion>>([.. stored.OrderBy(v => v.ItemId, StringComparer.Ordinal).ThenBy(v => v.Version)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDepartment>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDepartment>>([.. named.OrderBy(d => d.Id, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    public Task<bool> SeedAsync(IReadOnlyList<StoredItemVersion> versions, IReadOnlyList<StoredDepartment> departments, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(departments);
        lock (gate)
        {
            if (journal.Count > 0)
            {
                return Task.FromResult(false);
            }

            stored.AddRange(versions);
            named.AddRange(departments);
            Journal(StudioAction.Seeded, "", 0, by, at, $"{versions.Count} versions, {departments.Count} departments");
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> PublishAsync(StoredItemVersion version, Guid? fromDraft, string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (gate)
        {
            if (stored.Any(v => v.ItemId == version.ItemId && v.Version == version.Version))
            {
                return Task.FromResult(false);
            }

            stored.Add(version);
            drafts.RemoveAll(d => d.DraftId == fromDraft);
            Journal(StudioAction.Published, version.ItemId, version.Version, version.PublishedBy, version.PublishedAt, summary);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RetractAsync(string itemId, int version, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var index = stored.FindIndex(v => v.ItemId == itemId && v.Version == version && v.RetractedAt is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            stored[index] = stored[index] with { RetractedAt = at, RetractedBy = by };
            Journal(StudioAction.Retracted, itemId, version, by, at, "");
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> AddDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (gate)
        {
            if (named.Any(d => d.Id == department.Id))
            {
                return Task.FromResult(false);
            }

            named.Add(department);
            Journal(StudioAction.DepartmentAdded, department.Id, 0, by, at, department.NameZh);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RenameDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (gate)
        {
            var index = named.FindIndex(d => d.Id == department.Id);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            var before = named[index];
            named[index] = department;
            Journal(StudioAction.DepartmentRenamed, department.Id, 0, by, at, $"{before.NameZh} → {department.NameZh}");
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task InsertDraftAsync(StoredDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (gate)
        {
            drafts.Add(draft);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateDraftAsync(Guid draftId, string itemId, string json, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var index = drafts.FindIndex(d => d.DraftId == draftId && d.ItemId == itemId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            drafts[index] = drafts[index] with { Json = json, UpdatedBy = by, UpdatedAt = at };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<StoredDraft?> DraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(drafts.FirstOrDefault(d => d.DraftId == draftId && d.ItemId == itemId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDraft>> DraftsAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDraft>>([.. drafts.OrderByDescending(d => d.UpdatedAt)]);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteDraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(drafts.RemoveAll(d => d.DraftId == draftId && d.ItemId == itemId) > 0);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredPublication>> JournalAsync(string? subject, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredPublication>>([.. journal.Where(j => subject is null || j.Subject == subject).Reverse()]);
        }
    }

    private void Journal(StudioAction action, string subject, int version, string by, DateTimeOffset at, string summary) =>
        journal.Add(new StoredPublication(journal.Count + 1, action, subject, version, by, at, summary));
}
