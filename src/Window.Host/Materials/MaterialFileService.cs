using System.Security.Cryptography;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Components.Ui;
using Window.Host.Privacy;
using Window.Storage.Materials;
using Window.Storage.ReadModel;
using Window.Workflows.Catalog;

namespace Window.Host.Materials;

/// <summary>One file of a material as the API and the pages show it (the bytes are fetched by its id).</summary>
public sealed record MaterialFileDto(
    string FileId, string MaterialId, string Sha256, string ContentType, long Size, int? Pages, DateTimeOffset AttachedAt, string AttachedBy,
    DateTimeOffset? ValidUntil, bool Purged);

/// <summary>One line of a case's access journal: who (display name), when, what, which file of which material.</summary>
public sealed record MaterialJournalDto(DateTimeOffset At, string User, string Action, string MaterialId, string FileId);

/// <summary>What an upload or a reuse answers: the file, or why it was refused (status, code, field).</summary>
public sealed record AttachResult(MaterialFileDto? File, bool Created, bool Replayed, QueryRefusal? Refusal);

/// <summary>
/// The talents' files for the API and the pages alike (issue 24). Access follows the case: a reader sees a material's files
/// exactly when the case's view shows them the material (department staff: only materials whose definition lists their
/// department in <c>visibleTo</c>, on a case with a step of theirs); anything hidden is the same 404 as anything absent.
/// The front desk and the case's officer attach files; every view of a file's bytes is journaled.
/// </summary>
public sealed class MaterialFileService(
    CaseQueryService queries, IMaterialFileStore store, MaterialCipher cipher, MaterialOptions options, WorkflowCatalog catalog,
    PersonalDataProtector protector, ITalentRegistry talents, Names names, TimeProvider time, ILogger<MaterialFileService> logger)
{
    /// <summary>The field a refusal of the file names.</summary>
    public const string FileField = "file";

    private static readonly QueryRefusal NotFound = new(StatusCodes.Status404NotFound, "not_found", "No such case or material.");

    /// <summary>
    /// Reads <paramref name="content"/> (one file), decides its type from its bytes, re-encodes images, seals it chunk by
    /// chunk and attaches it to the material, once per <paramref name="key"/>. Refusals: no key (400), a type not accepted
    /// (400 naming <c>file</c>), too large (413 naming <c>file</c>), a case or material hidden (404), a role or officer that
    /// may not attach (403). A stream that fails mid-way stores nothing.
    /// </summary>
    public async Task<AttachResult> AttachAsync(Actor actor, string caseId, string materialId, Stream content, string? key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (key is null)
        {
            return Refused(new QueryRefusal(StatusCodes.Status400BadRequest, "idempotency_key_required", "Every upload needs an Idempotency-Key header.", IdempotencyGate.Header));
        }

        if (await AttachableAsync(actor, caseId, materialId) is { Refusal: { } refused })
        {
            return Refused(refused);
        }

        var view = (await queries.CaseAsync(actor, caseId))!;
        var head = new byte[MaterialContent.HeadBytes];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (MaterialContent.Detect(head.AsSpan(0, headLength)) is not { } contentType)
        {
            return Refused(QueryRefusal.Invalid(FileField, "Only PDF, JPEG and PNG files are accepted (decided from the file's contents, not its name).") with { Code = "file_type" });
        }

        var fileId = Guid.NewGuid().ToString("N");
        await using var spool = new SealedSpool();
        using var aes = cipher.For(fileId);
        var prefixed = new PrefixedStream(head.AsMemory(0, headLength), content);
        SpoolResult spooled;
        if (contentType == MaterialContent.Pdf)
        {
            spooled = await SpoolAsync(prefixed, aes, spool, new PdfPageCounter(), cancellationToken);
        }
        else
        {
            // An image is decoded whole to strip it (bounded by the file limit), then sealed from its re-encoded bytes.
            using var whole = new MemoryStream();
            if (!await CopyBoundedAsync(prefixed, whole, cancellationToken))
            {
                return Refused(TooLarge());
            }

            if (MaterialContent.Reencode(whole.ToArray(), contentType) is not { } stripped)
            {
                return Refused(QueryRefusal.Invalid(FileField, "The image could not be read.") with { Code = "file_unreadable" });
            }

            spooled = await SpoolAsync(new MemoryStream(stripped), aes, spool, null, cancellationToken);
        }

        if (spooled.TooLarge)
        {
            return Refused(TooLarge());
        }

        if (await store.CaseBytesAsync(caseId, cancellationToken) + spooled.Size > options.MaxCaseBytes)
        {
            return Refused(new QueryRefusal(StatusCodes.Status413PayloadTooLarge, "case_files_too_large",
                $"The files of one case have at most {options.MaxCaseBytes / (1024 * 1024)} MB together.", FileField));
        }

        var now = time.GetUtcNow();
        var record = new MaterialFileRecord(fileId, view.Talent.Id, spooled.Sha256, contentType, spooled.Size, spooled.Pages, spooled.Chunks, now, null);
        var attached = await store.AttachAsync(
            new MaterialAttachment(record, caseId, materialId, actor.User, now, ValidUntil(view, materialId, now), key), spool.ReadAsync(cancellationToken), cancellationToken);
        logger.LogInformation("Material file attached: case {CaseId}, material {MaterialId}, file {FileId}, {Bytes} bytes, new {Created}",
            caseId, materialId, attached.File.FileId, attached.File.Size, attached.Created);
        var links = await store.ListAsync(caseId, materialId, cancellationToken);
        var link = links.First(l => l.File.FileId == attached.File.FileId);
        return new AttachResult(Dto(link), attached.Created, attached.Replayed, null);
    }

    /// <summary>Links a file the talent has on file (still valid) to a material of this case: the one-click reuse.</summary>
    public async Task<AttachResult> ReuseAsync(Actor actor, string caseId, string materialId, string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await AttachableAsync(actor, caseId, materialId) is { Refusal: { } refused })
        {
            return Refused(refused);
        }

        var view = (await queries.CaseAsync(actor, caseId))!;
        var now = time.GetUtcNow();
        var onFile = await store.OnFileAsync(view.Talent.Id, [materialId], now, cancellationToken);
        if (onFile.FirstOrDefault(l => l.File.FileId == fileId) is not { } found)
        {
            return Refused(new QueryRefusal(StatusCodes.Status404NotFound, "not_on_file", "The talent has no valid file of this material with that id.", "fileId"));
        }

        var created = await store.LinkAsync(new MaterialAttachment(found.File, caseId, materialId, actor.User, now, ValidUntil(view, materialId, now), null), cancellationToken);
        var link = (await store.ListAsync(caseId, materialId, cancellationToken)).First(l => l.File.FileId == fileId);
        return new AttachResult(Dto(link), created, !created, null);
    }

    /// <summary>The files of one material of the case for <paramref name="actor"/>; <see langword="null"/> when the material is hidden.</summary>
    public async Task<IReadOnlyList<MaterialFileDto>?> ListAsync(Actor actor, string caseId, string materialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await VisibleAsync(actor, caseId, materialId) is null ? null : [.. (await store.ListAsync(caseId, materialId, cancellationToken)).Select(Dto)];
    }

    /// <summary>Every file of the case's materials that <paramref name="actor"/> may see (the viewer's list); <see langword="null"/> when the case is hidden.</summary>
    public async Task<IReadOnlyList<MaterialFileDto>?> ListCaseAsync(Actor actor, string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await queries.CaseAsync(actor, caseId) is not { } view)
        {
            return null;
        }

        var visible = view.Materials.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return [.. (await store.ListAsync(caseId, null, cancellationToken)).Where(l => visible.Contains(l.MaterialId)).Select(Dto)];
    }

    /// <summary>
    /// One file for <paramref name="actor"/>, journaled as viewed: its description and a writer of its clear bytes;
    /// <see langword="null"/> when the material is hidden, the file is not one of it, or its bytes were purged.
    /// </summary>
    public async Task<(MaterialFileDto File, Func<Stream, CancellationToken, Task> WriteTo)?> OpenAsync(
        Actor actor, string caseId, string materialId, string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await VisibleAsync(actor, caseId, materialId) is null
            || (await store.ListAsync(caseId, materialId, cancellationToken)).FirstOrDefault(l => l.File.FileId == fileId) is not { File.PurgedAt: null } link)
        {
            return null;
        }

        await store.JournalAsync(new MaterialJournalEntry(caseId, materialId, fileId, time.GetUtcNow(), actor.User, MaterialActions.Viewed), cancellationToken);
        return (Dto(link), (body, token) => WriteClearAsync(link.File, body, token));
    }

    /// <summary>The case's access journal for its officer and supervisors; a refusal for anyone else (404 when the case is hidden).</summary>
    public async Task<QueryResult<IReadOnlyList<MaterialJournalDto>>> JournalAsync(Actor actor, string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await queries.CaseAsync(actor, caseId) is not { } view)
        {
            return NotFound;
        }

        if (!(actor.Role == Roles.Supervisor || (actor.Role == Roles.Officer && view.Officer == actor.User)))
        {
            return QueryRefusal.Denied("reading another officer's material journal", "Only the case's officer and supervisors read who saw its files.");
        }

        await names.ReadyAsync(cancellationToken);
        IReadOnlyList<MaterialJournalDto> entries = [.. (await store.JournalOfAsync(caseId, cancellationToken))
            .Select(e => new MaterialJournalDto(e.At, names.Person(e.UserId), e.Action, e.MaterialId, e.FileId))];
        return new QueryResult<IReadOnlyList<MaterialJournalDto>>(entries, null);
    }

    /// <summary>The case talent's files still valid for the case's materials that this case does not have yet (what the desk may reuse).</summary>
    public async Task<IReadOnlyList<MaterialFileDto>?> OnFileAsync(Actor actor, string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await queries.CaseAsync(actor, caseId) is not { } view || !MayAttach(actor, view))
        {
            return null;
        }

        var attached = (await store.ListAsync(caseId, null, cancellationToken)).Select(l => (l.MaterialId, l.File.FileId)).ToHashSet();
        var onFile = await store.OnFileAsync(view.Talent.Id, [.. view.Materials.Select(m => m.Id)], time.GetUtcNow(), cancellationToken);
        return [.. onFile.Where(l => !attached.Contains((l.MaterialId, l.File.FileId))).Select(Dto)];
    }

    /// <summary>
    /// The files still valid on file for the talent with this ID number (before a case exists: the desk's intake), of
    /// <paramref name="materialIds"/>; none for a talent never seen.
    /// </summary>
    public async Task<IReadOnlyList<MaterialFileDto>> OnFileForIntakeAsync(string idNumber, IReadOnlyCollection<string> materialIds, CancellationToken cancellationToken = default)
    {
        if (await talents.FindTalentAsync(protector.LookupHash(idNumber), cancellationToken) is not { } talentId)
        {
            return [];
        }

        return [.. (await store.OnFileAsync(talentId, materialIds, time.GetUtcNow(), cancellationToken)).Select(Dto)];
    }

    /// <summary>The largest file accepted, for the pages' file pickers.</summary>
    public long MaxFileBytes => options.MaxFileBytes;

    private async Task<(CaseDto? View, QueryRefusal? Refusal)> AttachableAsync(Actor actor, string caseId, string materialId)
    {
        if (await VisibleAsync(actor, caseId, materialId) is not { } view)
        {
            return (null, NotFound);
        }

        if (!MayAttach(actor, view))
        {
            return (null, QueryRefusal.Denied("attaching a file to a case of another officer or role", "Only the front desk or the case's officer attaches files."));
        }

        return view.Status is "open" or "completed"
            ? (view, null)
            : (null, new QueryRefusal(StatusCodes.Status409Conflict, "case_closed", "The case is closed: no more files are attached to it."));
    }

    private static bool MayAttach(Actor actor, CaseDto view) => actor.Role == Roles.FrontDesk || (actor.Role == Roles.Officer && view.Officer == actor.User);

    private async Task<CaseDto?> VisibleAsync(Actor actor, string caseId, string materialId) =>
        await queries.CaseAsync(actor, caseId) is { } view && view.Materials.Any(m => m.Id == materialId) ? view : null;

    // The longest validity any item of the case gives the material (a material without validMonths never expires).
    private DateTimeOffset? ValidUntil(CaseDto view, string materialId, DateTimeOffset now)
    {
        var definitions = view.Items.Select(i => catalog.FindItem(i.Id, i.Version)).OfType<Window.Workflows.Definitions.WorkflowDefinition>()
            .SelectMany(d => d.Materials).Where(m => m.Id == materialId).ToList();
        return definitions.Count == 0 || definitions.Any(m => m.ValidMonths is null) ? null : now.AddMonths(definitions.Max(m => m.ValidMonths!.Value));
    }

    private async Task WriteClearAsync(MaterialFileRecord file, Stream body, CancellationToken cancellationToken)
    {
        using var aes = cipher.For(file.FileId);
        var seq = 0;
        var clear = new byte[MaterialOptions.ChunkBytes];
        await foreach (var sealedChunk in store.ChunksAsync(file.FileId, cancellationToken))
        {
            var length = sealedChunk.Length - MaterialCipher.Overhead;
            MaterialCipher.Open(aes, seq++, sealedChunk, clear.AsSpan(0, length));
            await body.WriteAsync(clear.AsMemory(0, length), cancellationToken);
        }

        CryptographicOperations.ZeroMemory(clear);
    }

    private async Task<bool> CopyBoundedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (target.Length + read > options.MaxFileBytes)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }

    private async Task<SpoolResult> SpoolAsync(Stream source, AesGcm aes, SealedSpool spool, PdfPageCounter? counter, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[MaterialOptions.ChunkBytes];
        long size = 0;
        var seq = 0;
        while (true)
        {
            var read = await source.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                break;
            }

            size += read;
            if (size > options.MaxFileBytes)
            {
                return new SpoolResult(true, size, "", 0, null);
            }

            var clear = block.AsSpan(0, read);
            hash.AppendData(clear);
            counter?.Feed(clear);
            await spool.WriteAsync(MaterialCipher.Seal(aes, seq++, clear), cancellationToken);
            if (read < block.Length)
            {
                break;
            }
        }

        CryptographicOperations.ZeroMemory(block);
        counter?.Finish();
        return new SpoolResult(false, size, Convert.ToHexStringLower(hash.GetHashAndReset()), seq, counter is null ? 1 : counter.Pages);
    }

    private QueryRefusal TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "file_too_large", $"A file has at most {options.MaxFileBytes / (1024 * 1024)} MB.", FileField);

    private static AttachResult Refused(QueryRefusal refusal) => new(null, false, false, refusal);

    private static MaterialFileDto Dto(MaterialFileLink link) => new(
        link.File.FileId, link.MaterialId, link.File.Sha256, link.File.ContentType, link.File.Size, link.File.Pages, link.AttachedAt, link.AttachedBy,
        link.ValidUntil, link.File.PurgedAt is not null);

    private sealed record SpoolResult(bool TooLarge, long Size, string Sha256, int Chunks, int? Pages);
}
