using Window.Contracts;
using Window.Storage.Studio;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Studio;

/// <summary>
/// The workflow studio (issue 25): administrators draft, validate, publish and retract item versions and keep the departments,
/// without a deployment. Everything is stored (<see cref="IWorkflowDefinitionStore"/>) and applied at once to this host's
/// catalogue (<see cref="CatalogSource"/>); other hosts pick it up from the store (<see cref="StudioCatalog"/>). The API and the
/// studio pages both go through this service; it checks no roles (the endpoints and pages do).
/// </summary>
public sealed class WorkflowStudio(IWorkflowDefinitionStore store, StudioCatalog catalog, CatalogSource source, TimeProvider time)
{
    /// <summary>Every item with its newest and current versions and its drafts, by id.</summary>
    public async Task<IReadOnlyList<StudioItem>> ItemsAsync(CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var drafts = await store.DraftsAsync(cancellationToken);
        var current = source.Current;
        var ids = current.Items.Select(i => i.Id).Concat(drafts.Select(d => d.ItemId)).Distinct().Order(StringComparer.Ordinal);
        return [.. ids.Select(id =>
        {
            var newest = current.NewestItem(id);
            var name = newest?.Name ?? DraftName(drafts.First(d => d.ItemId == id)) ?? new LocalizedName(id, id);
            return new StudioItem(id, name, newest?.Version ?? 0, current.LatestItem(id)?.Version, drafts.Count(d => d.ItemId == id));
        })];
    }

    /// <summary>
    /// Starts a draft of <paramref name="itemId"/> (a new item, or a new version of an existing one) from <paramref name="json"/>,
    /// which may have problems: they are returned, and the draft is kept so its author can fix them.
    /// </summary>
    public Task<StudioDraftSaved> CreateDraftAsync(string itemId, string json, string by, CancellationToken cancellationToken = default) =>
        CreateDraftAsync(itemId, json, by, Guid.NewGuid(), cancellationToken);

    /// <summary>
    /// Starts a draft with a given id (the API derives it from the request's idempotency key): a retried creation answers the
    /// draft the first one made.
    /// </summary>
    public async Task<StudioDraftSaved> CreateDraftAsync(string itemId, string json, string by, Guid draftId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var draft = new StoredDraft(draftId, itemId, json, by, now, by, now);
        if (!await store.InsertDraftAsync(draft, cancellationToken) && await store.DraftAsync(itemId, draft.DraftId, cancellationToken) is { } first)
        {
            return new StudioDraftSaved(first.DraftId, Problems(first.ItemId, first.Json));
        }

        return new StudioDraftSaved(draft.DraftId, Problems(itemId, json));
    }

    /// <summary>Replaces a draft's text and returns its problems; <see cref="StudioDraftSaved.Found"/> is false when there is no such draft.</summary>
    public async Task<StudioDraftSaved> SaveDraftAsync(string itemId, Guid draftId, string json, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await catalog.EnsureLoadedAsync(cancellationToken);
        return await store.UpdateDraftAsync(draftId, itemId, json, by, time.GetUtcNow(), cancellationToken)
            ? new StudioDraftSaved(draftId, Problems(itemId, json))
            : new StudioDraftSaved(draftId, [], Found: false);
    }

    /// <summary>A draft with its current problems, or null.</summary>
    public async Task<StudioDraft?> DraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        return await store.DraftAsync(itemId, draftId, cancellationToken) is { } draft ? ToDraft(draft) : null;
    }

    /// <summary>The drafts of an item, newest change first.</summary>
    public async Task<IReadOnlyList<StudioDraft>> DraftsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        return [.. (await store.DraftsAsync(cancellationToken)).Where(d => d.ItemId == itemId).Select(ToDraft)];
    }

    /// <summary>Discards a draft; false when there is no such draft.</summary>
    public Task<bool> DiscardDraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default) =>
        store.DeleteDraftAsync(itemId, draftId, cancellationToken);

    /// <summary>The problems of a definition's text against the departments known now (nothing is stored): for live validation while editing.</summary>
    public async Task<IReadOnlyList<StudioProblem>> ValidateAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await catalog.EnsureLoadedAsync(cancellationToken);
        return Read(json).Problems.Select(ToProblem).ToList();
    }

    /// <summary>
    /// Publishes a draft as the item's next version (one more than any version it ever had: the draft's own <c>version</c> is
    /// replaced), journals it and applies it on this host at once. Refused with the problems while the draft has any.
    /// </summary>
    public async Task<StudioPublished> PublishAsync(string itemId, Guid draftId, string by, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        if (await store.DraftAsync(itemId, draftId, cancellationToken) is not { } draft)
        {
            // A draft is published once: a retry of that publication answers the version it made.
            return await store.PublishedFromDraftAsync(draftId, cancellationToken) is { } version
                ? new StudioPublished(StudioPublishStatus.Published, version, [])
                : new StudioPublished(StudioPublishStatus.NotFound, null, []);
        }

        var problems = Problems(itemId, draft.Json);
        if (problems.Count > 0)
        {
            return new StudioPublished(StudioPublishStatus.Invalid, null, problems);
        }

        var item = Read(draft.Json).Item!;
        while (true)
        {
            await catalog.RefreshAsync(cancellationToken);
            var previous = source.Current.NewestItem(itemId);
            var published = item with { Version = (previous?.Version ?? 0) + 1 };
            var stored = new StoredItemVersion(itemId, published.Version, DefinitionJson.Write(published), time.GetUtcNow(), by);
            if (await store.PublishAsync(stored, draftId, PublicationSummary.Of(previous, published, source.Current.Departments), cancellationToken))
            {
                catalog.Apply(published);
                return new StudioPublished(StudioPublishStatus.Published, published.Version, []);
            }

            // Another administrator published this item in between: take the number after theirs.
        }
    }

    /// <summary>Every published version of an item, oldest first; empty for an unknown item.</summary>
    public async Task<IReadOnlyList<StudioVersion>> VersionsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var current = source.Current.LatestItem(itemId)?.Version;
        return [.. (await store.VersionsAsync(cancellationToken)).Where(v => v.ItemId == itemId)
            .Select(v => new StudioVersion(v.Version, v.PublishedAt, v.PublishedBy, v.RetractedAt, v.RetractedBy, v.Version == current))];
    }

    /// <summary>A published version in the export format (the format of <c>workflows/&lt;id&gt;.json</c>), or null.</summary>
    public async Task<string?> VersionJsonAsync(string itemId, int version, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        return (await store.VersionsAsync(cancellationToken)).FirstOrDefault(v => v.ItemId == itemId && v.Version == version)?.Json;
    }

    /// <summary>Retracts a version: new cases no longer open on it (they take the newest version not retracted); running cases keep it.</summary>
    public async Task<StudioRetractStatus> RetractAsync(string itemId, int version, string by, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var stored = (await store.VersionsAsync(cancellationToken)).FirstOrDefault(v => v.ItemId == itemId && v.Version == version);
        if (stored is null)
        {
            return StudioRetractStatus.NotFound;
        }

        if (stored.RetractedAt is not null || !await store.RetractAsync(itemId, version, by, time.GetUtcNow(), cancellationToken))
        {
            return StudioRetractStatus.AlreadyRetracted;
        }

        await catalog.RefreshAsync(cancellationToken);
        return StudioRetractStatus.Retracted;
    }

    /// <summary>The publication journal of an item (every entry when null), newest first.</summary>
    public async Task<IReadOnlyList<StudioJournalEntry>> JournalAsync(string? itemId, CancellationToken cancellationToken = default) =>
        [.. (await store.JournalAsync(itemId, cancellationToken)).Select(j => new StudioJournalEntry(j.Action, j.Subject, j.Version, j.By, j.At, j.Summary))];

    /// <summary>The departments steps can be routed to, by id.</summary>
    public async Task<IReadOnlyList<StudioDepartment>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        return [.. source.Current.Departments.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => new StudioDepartment(d.Id, d.Name))];
    }

    /// <summary>Adds a department (a kebab-case id not yet used, names in both languages); it can be routed to at once.</summary>
    public async Task<StudioDepartmentSaved> AddDepartmentAsync(string id, LocalizedName name, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var problems = DepartmentProblems(name);
        if (string.IsNullOrEmpty(id) || !DefinitionJson.IsId(id))
        {
            problems.Insert(0, new StudioProblem("id", "The id is lower-case letters and digits joined by '-', e.g. 'civil-affairs'.", 0));
        }
        else if (source.Current.Departments.ContainsKey(id))
        {
            problems.Insert(0, new StudioProblem("id", $"A department '{id}' exists already.", 0));
        }

        if (problems.Count > 0)
        {
            return new StudioDepartmentSaved(null, problems);
        }

        if (!await store.AddDepartmentAsync(new StoredDepartment(id, name.Zh, name.En), by, time.GetUtcNow(), cancellationToken))
        {
            return new StudioDepartmentSaved(null, [new StudioProblem("id", $"A department '{id}' exists already.", 0)]);
        }

        await catalog.RefreshAsync(cancellationToken);
        return new StudioDepartmentSaved(new StudioDepartment(id, name), []);
    }

    /// <summary>Renames a department; its id (which steps and users name) stays.</summary>
    public async Task<StudioDepartmentSaved> RenameDepartmentAsync(string id, LocalizedName name, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var problems = DepartmentProblems(name);
        if (!source.Current.Departments.ContainsKey(id))
        {
            problems.Insert(0, new StudioProblem("id", $"There is no department '{id}'.", 0));
        }

        if (problems.Count > 0)
        {
            return new StudioDepartmentSaved(null, problems);
        }

        await store.RenameDepartmentAsync(new StoredDepartment(id, name.Zh, name.En), by, time.GetUtcNow(), cancellationToken);
        await catalog.RefreshAsync(cancellationToken);
        return new StudioDepartmentSaved(new StudioDepartment(id, name), []);
    }

    /// <summary>Adds the department, or renames it when it exists (nothing is journaled when the names are already these).</summary>
    public async Task<StudioDepartmentSaved> SaveDepartmentAsync(string id, LocalizedName name, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await catalog.EnsureLoadedAsync(cancellationToken);
        if (!source.Current.Departments.TryGetValue(id, out var existing))
        {
            return await AddDepartmentAsync(id, name, by, cancellationToken);
        }

        return existing.Name == name ? new StudioDepartmentSaved(new StudioDepartment(id, name), []) : await RenameDepartmentAsync(id, name, by, cancellationToken);
    }

    private static List<StudioProblem> DepartmentProblems(LocalizedName name)
    {
        var problems = new List<StudioProblem>();
        foreach (var (field, value) in new[] { ("name.zh", name.Zh), ("name.en", name.En) })
        {
            if (TextRules.Check(value, TextRules.Name, field, required: true) is { } problem)
            {
                problems.Add(new StudioProblem(field, problem.Message, 0));
            }
        }

        return problems;
    }

    private DefinitionRead Read(string json) => DefinitionJson.Read(json, source.Current.Departments.Keys.ToHashSet());

    /// <summary>The text's problems, and an id that is not the draft's item's.</summary>
    private List<StudioProblem> Problems(string itemId, string json)
    {
        var read = Read(json);
        var problems = read.Problems.Select(ToProblem).ToList();
        if (!DefinitionJson.IsId(itemId))
        {
            problems.Add(new StudioProblem("$.id", $"'{itemId}' is not a lower-case kebab-case id", 1));
        }
        else if (read.Item is { } item && item.Id != itemId)
        {
            problems.Add(new StudioProblem("$.id", $"the definition's id '{item.Id}' is not the item's ('{itemId}')", 1));
        }

        return problems;
    }

    private StudioDraft ToDraft(StoredDraft draft) =>
        new(draft.DraftId, draft.ItemId, draft.Json, draft.CreatedBy, draft.CreatedAt, draft.UpdatedBy, draft.UpdatedAt, Problems(draft.ItemId, draft.Json));

    private static StudioProblem ToProblem(ValidationProblem problem) => new(problem.Path, problem.Message, problem.Line);

    private static LocalizedName? DraftName(StoredDraft draft)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(draft.Json);
            return document.RootElement.TryGetProperty("name", out var name)
                && name.TryGetProperty("zh", out var zh) && zh.ValueKind == System.Text.Json.JsonValueKind.String
                && name.TryGetProperty("en", out var en) && en.ValueKind == System.Text.Json.JsonValueKind.String
                    ? new LocalizedName(zh.GetString()!, en.GetString()!)
                    : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
