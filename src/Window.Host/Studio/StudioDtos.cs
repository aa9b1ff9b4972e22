using Window.Storage.Studio;
using Window.Workflows.Definitions;

namespace Window.Host.Studio;

/// <summary>One validation problem of a definition: its JSON path (<c>$.steps[2].limitDays</c>), what is wrong and its line in the text.</summary>
public sealed record StudioProblem(string Path, string Message, int Line);

/// <summary>An item of the catalogue as the studio lists it.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Name">The newest version's name.</param>
/// <param name="LatestVersion">The newest published version, retracted or not.</param>
/// <param name="CurrentVersion">The version new cases open on (the newest not retracted), or null when every version is retracted.</param>
/// <param name="Drafts">How many drafts of the item are being edited.</param>
public sealed record StudioItem(string Id, LocalizedName Name, int LatestVersion, int? CurrentVersion, int Drafts);

/// <summary>A draft: its text as last saved and that text's problems (empty when it could be published).</summary>
public sealed record StudioDraft(
    Guid DraftId,
    string ItemId,
    string Json,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StudioProblem> Problems);

/// <summary>The answer to saving a draft: the draft (null when <see cref="Found"/> is false) and its problems.</summary>
/// <param name="DraftId">The draft's id.</param>
/// <param name="Problems">The saved text's problems; saving succeeds with problems, only publishing needs none.</param>
/// <param name="Found">False when the draft to save does not exist (published, discarded or never created).</param>
public sealed record StudioDraftSaved(Guid DraftId, IReadOnlyList<StudioProblem> Problems, bool Found = true);

/// <summary>How a publication ended.</summary>
public enum StudioPublishStatus
{
    /// <summary>Published as <see cref="StudioPublished.Version"/>.</summary>
    Published,

    /// <summary>Refused: the draft has problems (listed).</summary>
    Invalid,

    /// <summary>No such draft.</summary>
    NotFound,
}

/// <summary>The answer to a publication: the new version, or the problems that refused it.</summary>
public sealed record StudioPublished(StudioPublishStatus Status, int? Version, IReadOnlyList<StudioProblem> Problems);

/// <summary>One published version of an item.</summary>
/// <param name="Version">The version number.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="PublishedBy">Who published it (a user name; "seed" for the shipped catalogue).</param>
/// <param name="RetractedAt">When it was retracted, or null.</param>
/// <param name="RetractedBy">Who retracted it, or null.</param>
/// <param name="Current">Whether new cases open on this version.</param>
public sealed record StudioVersion(int Version, DateTimeOffset PublishedAt, string PublishedBy, DateTimeOffset? RetractedAt, string? RetractedBy, bool Current);

/// <summary>How a retraction ended.</summary>
public enum StudioRetractStatus
{
    /// <summary>Retracted now.</summary>
    Retracted,

    /// <summary>It already was (nothing changed).</summary>
    AlreadyRetracted,

    /// <summary>No such version.</summary>
    NotFound,
}

/// <summary>One entry of the publication journal.</summary>
public sealed record StudioJournalEntry(StudioAction Action, string Subject, int Version, string By, DateTimeOffset At, string Summary);

/// <summary>A department steps are routed to.</summary>
public sealed record StudioDepartment(string Id, LocalizedName Name);

/// <summary>The answer to adding or renaming a department: the department, or the problems (each naming its field: <c>id</c>, <c>name.zh</c>, <c>name.en</c>).</summary>
public sealed record StudioDepartmentSaved(StudioDepartment? Department, IReadOnlyList<StudioProblem> Problems);
