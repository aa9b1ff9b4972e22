namespace Window.Storage.Materials;

/// <summary>
/// One stored file (issue 24), without its bytes: <see cref="Sha256"/> is of the clear bytes (the same file of one talent is
/// stored once), <see cref="Pages"/> the page count of a PDF (1 for an image), <see cref="PurgedAt"/> set once its bytes are gone.
/// </summary>
public sealed record MaterialFileRecord(
    string FileId, string TalentId, string Sha256, string ContentType, long Size, int? Pages, int Chunks, DateTimeOffset StoredAt, DateTimeOffset? PurgedAt);

/// <summary>A file as one material of one case shows it: the file, who attached it when, and until when it may be reused.</summary>
public sealed record MaterialFileLink(string CaseId, string MaterialId, MaterialFileRecord File, DateTimeOffset AttachedAt, string AttachedBy, DateTimeOffset? ValidUntil);

/// <summary>
/// A file to attach: the new file (its chunks come with it), the case and material it is for and who attaches it; an
/// upload's Idempotency-Key (null for a reuse) names its first answer.
/// </summary>
public sealed record MaterialAttachment(
    MaterialFileRecord File, string CaseId, string MaterialId, string UserId, DateTimeOffset At, DateTimeOffset? ValidUntil, string? IdempotencyKey);

/// <summary>What an attach did: the file now linked (an earlier identical one of the talent, when there was one), and whether this call linked it.</summary>
public sealed record AttachedFile(MaterialFileRecord File, bool Created, bool Replayed);

/// <summary>One line of a case's access journal: who did what to which file, when (action: attached, viewed, purged).</summary>
public sealed record MaterialJournalEntry(string CaseId, string MaterialId, string FileId, DateTimeOffset At, string UserId, string Action);

/// <summary>The journal's actions as stored.</summary>
public static class MaterialActions
{
    public const string Attached = "attached";
    public const string Reused = "reused";
    public const string Viewed = "viewed";
    public const string Purged = "purged";
}
