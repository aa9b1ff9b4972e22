namespace Window.Storage.Studio;

/// <summary>One published version of an item: its definition in the export format, who published it and whether it is retracted.</summary>
public sealed record StoredItemVersion(
    string ItemId,
    int Version,
    string Json,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    DateTimeOffset? RetractedAt = null,
    string? RetractedBy = null);

/// <summary>A draft an administrator is editing: any text, valid or not, until it is published or discarded.</summary>
public sealed record StoredDraft(
    Guid DraftId,
    string ItemId,
    string Json,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);

/// <summary>A department that steps are routed to, named in both languages.</summary>
public sealed record StoredDepartment(string Id, string NameZh, string NameEn);

/// <summary>What a journal entry records.</summary>
public enum StudioAction
{
    /// <summary>The seed catalogue was imported.</summary>
    Seeded,

    /// <summary>A version was published.</summary>
    Published,

    /// <summary>A version was retracted: no new cases on it.</summary>
    Retracted,

    /// <summary>A department was added.</summary>
    DepartmentAdded,

    /// <summary>A department was renamed.</summary>
    DepartmentRenamed,
}

/// <summary>One entry of the publication journal; <see cref="Seq"/> grows with every change, so it is the catalogue's stamp.</summary>
/// <param name="Seq">The entry's number, increasing.</param>
/// <param name="Action">What happened.</param>
/// <param name="Subject">The item id, or the department id for department entries.</param>
/// <param name="Version">The item version concerned (0 for departments and the seed).</param>
/// <param name="By">The administrator's user name.</param>
/// <param name="At">When.</param>
/// <param name="Summary">What changed, in words.</param>
public sealed record StoredPublication(long Seq, StudioAction Action, string Subject, int Version, string By, DateTimeOffset At, string Summary);

/// <summary>
/// The workflow studio's storage: every published item version (never deleted), drafts, departments and the publication journal.
/// Every change of what the engine reads (a publication, a retraction, a department) adds a journal entry in the same transaction,
/// so the journal's highest number tells a host whether its catalogue is current.
/// </summary>
public interface IWorkflowDefinitionStore
{
    /// <summary>The highest journal number (0 when nothing was ever stored): changes whenever the published catalogue does.</summary>
    Task<long> StampAsync(CancellationToken cancellationToken = default);

    /// <summary>Every published version of every item, by item and version.</summary>
    Task<IReadOnlyList<StoredItemVersion>> VersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every department, by id.</summary>
    Task<IReadOnlyList<StoredDepartment>> DepartmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Imports the seed catalogue when the store holds none (no journal entry yet); false when it already did, changing nothing.</summary>
    Task<bool> SeedAsync(IReadOnlyList<StoredItemVersion> versions, IReadOnlyList<StoredDepartment> departments, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a new version with its journal entry and removes the draft it came from; false when that version exists.</summary>
    Task<bool> PublishAsync(StoredItemVersion version, Guid? fromDraft, string summary, CancellationToken cancellationToken = default);

    /// <summary>The version a draft was published as, or null when it was not (a draft is published at most once).</summary>
    Task<int?> PublishedFromDraftAsync(Guid draftId, CancellationToken cancellationToken = default);

    /// <summary>Marks a version retracted with its journal entry; false when it does not exist or was already retracted.</summary>
    Task<bool> RetractAsync(string itemId, int version, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Adds a department; false when the id exists.</summary>
    Task<bool> AddDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Renames a department; false when the id does not exist.</summary>
    Task<bool> RenameDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a new draft; false when a draft with its id exists (a retried creation), changing nothing.</summary>
    Task<bool> InsertDraftAsync(StoredDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a draft's text; false when the draft does not exist (published, discarded or never made).</summary>
    Task<bool> UpdateDraftAsync(Guid draftId, string itemId, string json, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>One draft of an item, or null.</summary>
    Task<StoredDraft?> DraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default);

    /// <summary>The drafts of every item, newest change first.</summary>
    Task<IReadOnlyList<StoredDraft>> DraftsAsync(CancellationToken cancellationToken = default);

    /// <summary>Discards a draft; false when it does not exist.</summary>
    Task<bool> DeleteDraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default);

    /// <summary>The journal entries about <paramref name="subject"/> (every entry when null), newest first.</summary>
    Task<IReadOnlyList<StoredPublication>> JournalAsync(string? subject, CancellationToken cancellationToken = default);
}
