namespace Window.Storage.Documents;

/// <summary>The archive of issued documents: numbered once, stored once, never changed.</summary>
public interface IDocumentStore
{
    /// <summary>
    /// Issues the document of <paramref name="draft"/>'s act, once: when the act (or, for a correction, the replaced
    /// document) has a document already, that one is answered and <paramref name="render"/> is not called. Otherwise
    /// the next number of (kind, year) is taken and the rendered PDF stored in one transaction, so a failure (also in
    /// <paramref name="render"/>) leaves neither a document nor a used number.
    /// </summary>
    /// <param name="draft">The act and the document's facts.</param>
    /// <param name="render">Makes the printed number and the PDF from the sequence number it is given.</param>
    /// <param name="cancellationToken">Cancels the issue (nothing is stored then).</param>
    Task<IssuedDocument> IssueAsync(DocumentDraft draft, Func<int, RenderedDocument> render, CancellationToken cancellationToken = default);

    /// <summary>The case's documents, oldest first.</summary>
    Task<IReadOnlyList<DocumentRecord>> ListAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>One document of the case with its PDF; <see langword="null"/> when the case has no such document.</summary>
    Task<(DocumentRecord Record, byte[] Pdf)?> ReadAsync(string caseId, string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acts of <paramref name="kinds"/> journaled in (<paramref name="after"/>, <paramref name="until"/>] that have no
    /// document, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<UndocumentedAct>> UndocumentedActsAsync(
        IReadOnlyCollection<string> kinds, DateTimeOffset after, DateTimeOffset until, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to when the sweep has checked every act; <see langword="null"/> before the first sweep.</summary>
    Task<DateTimeOffset?> SweptUntilAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that every act up to <paramref name="until"/> was checked (never moves the mark back).</summary>
    Task MarkSweptAsync(DateTimeOffset until, CancellationToken cancellationToken = default);
}
