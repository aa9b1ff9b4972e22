using Window.Contracts;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Storage.Documents;

namespace Window.Host.Documents;

/// <summary>One issued document as the API and the pages list it (the PDF is fetched by its id).</summary>
public sealed record DocumentDto(string Id, string Kind, NameDto Title, string Number, DateTimeOffset IssuedAt, string IssuedBy, string Sha256, string? Replaces);

/// <summary>
/// The documents of a case as a reader may see them, for the API and the pages alike: staff under the case's own access
/// rules (department staff: only the documents of their department's steps), the talent with the lookup code under the
/// public lookup's wrong-code limit. Anything not visible is the same "none" as anything that does not exist.
/// </summary>
public sealed class CaseDocumentService(CaseQueryService queries, IDocumentStore store, DocumentIssuer issuer)
{
    /// <summary>The case's documents for <paramref name="actor"/>, oldest first; <see langword="null"/> when the case is hidden.</summary>
    public async Task<IReadOnlyList<DocumentDto>?> ListAsync(Actor actor, string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await queries.CaseAsync(actor, caseId) is null)
        {
            return null;
        }

        return [.. (await store.ListAsync(caseId, cancellationToken)).Where(d => Shows(actor, d)).Select(Dto)];
    }

    /// <summary>One document and its PDF for <paramref name="actor"/>; <see langword="null"/> when hidden or absent.</summary>
    public async Task<(DocumentDto Document, byte[] Pdf)?> ReadAsync(Actor actor, string caseId, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await queries.CaseAsync(actor, caseId) is null || await store.ReadAsync(caseId, documentId, cancellationToken) is not { } found || !Shows(actor, found.Record))
        {
            return null;
        }

        return (Dto(found.Record), found.Pdf);
    }

    /// <summary>The talent's documents of the case with that number and lookup code; without them, the wait when the number is limited.</summary>
    public async Task<(IReadOnlyList<DocumentDto>? Documents, TimeSpan? RetryAfter)> PublicListAsync(string number, string? code, CancellationToken cancellationToken = default)
    {
        var (view, wait) = await queries.FindPublicAsync(number, code, cancellationToken);
        return view is null ? (null, wait) : ([.. (await store.ListAsync(view.Id, cancellationToken)).Select(Dto)], null);
    }

    /// <summary>One of the talent's documents with its PDF; without it, the wait when the number is limited.</summary>
    public async Task<((DocumentDto Document, byte[] Pdf)? Found, TimeSpan? RetryAfter)> PublicReadAsync(
        string number, string? code, string documentId, CancellationToken cancellationToken = default)
    {
        var (view, wait) = await queries.FindPublicAsync(number, code, cancellationToken);
        if (view is null)
        {
            return (null, wait);
        }

        return await store.ReadAsync(view.Id, documentId, cancellationToken) is { } found ? ((Dto(found.Record), found.Pdf), null) : (null, null);
    }

    /// <summary>The title of <paramref name="kind"/> in both languages (the kind's id when it is not registered here).</summary>
    public NameDto Title(string kind) =>
        issuer.Templates.TryGetValue(kind, out var template) ? new NameDto(template.Title.Zh, template.Title.En) : new NameDto(kind, kind);

    // Department staff see the notices of their own department's steps; the case's own documents are the talent's and the window's.
    private static bool Shows(Actor actor, DocumentRecord document) =>
        actor.Role != Roles.Department || (document.Department is not null && document.Department == actor.Department);

    private DocumentDto Dto(DocumentRecord record) =>
        new(record.Id, record.Kind, Title(record.Kind), record.Number, record.IssuedAt, record.IssuedBy, record.Sha256, record.Replaces);
}
