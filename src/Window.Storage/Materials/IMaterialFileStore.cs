namespace Window.Storage.Materials;

/// <summary>
/// The talents' files (issue 24) on SQLite or PostgreSQL: sealed chunks, the links from cases' materials, reuse on file and
/// the access journal. The store never sees a clear byte: chunks arrive sealed and leave sealed.
/// </summary>
public interface IMaterialFileStore
{
    /// <summary>
    /// Attaches a file in one transaction: the upload key answered before (replayed), or the talent's identical file
    /// (same SHA-256) linked without storing <paramref name="sealedChunks"/> again, or the new file with its chunks. The
    /// link and an <c>attached</c> journal line come with it. Cancelled or failed, nothing of it stays.
    /// </summary>
    Task<AttachedFile> AttachAsync(MaterialAttachment attachment, IAsyncEnumerable<byte[]> sealedChunks, CancellationToken cancellationToken = default);

    /// <summary>Links an existing file of the case's talent to another material or case (a reuse on file), journaled as <c>reused</c>.</summary>
    Task<bool> LinkAsync(MaterialAttachment attachment, CancellationToken cancellationToken = default);

    /// <summary>The files of one material of a case (or of every material when <paramref name="materialId"/> is null), oldest first.</summary>
    Task<IReadOnlyList<MaterialFileLink>> ListAsync(string caseId, string? materialId, CancellationToken cancellationToken = default);

    /// <summary>The talent's files of <paramref name="materialIds"/> still valid at <paramref name="now"/> and not purged, newest first.</summary>
    Task<IReadOnlyList<MaterialFileLink>> OnFileAsync(string talentId, IReadOnlyCollection<string> materialIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The total size of the files linked to a case (the per-case limit).</summary>
    Task<long> CaseBytesAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The file's sealed chunks in order (read one at a time).</summary>
    IAsyncEnumerable<byte[]> ChunksAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Adds a line to the case's access journal.</summary>
    Task JournalAsync(MaterialJournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The case's access journal, oldest first.</summary>
    Task<IReadOnlyList<MaterialJournalEntry>> JournalOfAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Purges the bytes of files whose every case closed before its cutoff: delivered or completed cases before
    /// <paramref name="archivedBefore"/>, withdrawn or terminated ones before <paramref name="abandonedBefore"/>. Each purge is
    /// journaled on every case that linked the file. Answers how many files were purged (at most <paramref name="limit"/>).
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset archivedBefore, DateTimeOffset abandonedBefore, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
