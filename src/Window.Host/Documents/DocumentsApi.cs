using System.Net.Mime;
using Window.Host.Api;
using Window.Host.Identity;

namespace Window.Host.Documents;

/// <summary>
/// The documents' endpoints: a case's list and each PDF for staff (the case's access rules), and the talent's own with
/// the receipt's lookup code (a wrong number, code or document is the same 404).
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases/{id}/documents").WithTags("Documents").RequireAuthorization(Policies.CaseReaders);
        cases.MapGet("/", ListAsync).WithName("ListCaseDocuments").WithSummary("The case's official documents (numbered, archived PDFs), oldest first");
        cases.MapGet("/{documentId}", ReadAsync).WithName("GetCaseDocument").WithSummary("One document's PDF as it was issued");

        var talents = routes.MapGroup("/api/public/cases/{number}/documents").WithTags("Public");
        talents.MapGet("/", PublicListAsync).WithName("PublicCaseDocuments");
        talents.MapGet("/{documentId}", PublicReadAsync).WithName("PublicCaseDocument");
        return routes;
    }

    /// <summary>The PDF shown in the browser (inline) under its number, with its SHA-256 as the entity tag.</summary>
    public static IResult Pdf(HttpContext http, DocumentDto document, byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(document);
        var disposition = new ContentDisposition { Inline = true, FileName = "document.pdf" };
        http.Response.Headers.ContentDisposition = $"{disposition}; filename*=UTF-8''{Uri.EscapeDataString(document.Number + ".pdf")}";
        http.Response.Headers.ETag = $"\"{document.Sha256}\"";
        return Results.Bytes(pdf, "application/pdf");
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, CaseDocumentService documents, CancellationToken cancellationToken) =>
        await documents.ListAsync(Actors.Of(http.User), id, cancellationToken) is { } found ? Results.Ok(found) : CaseResults.Hidden(http);

    private static async Task<IResult> ReadAsync(string id, string documentId, HttpContext http, CaseDocumentService documents, CancellationToken cancellationToken) =>
        await documents.ReadAsync(Actors.Of(http.User), id, documentId, cancellationToken) is { } found
            ? Pdf(http, found.Document, found.Pdf)
            : CaseResults.Hidden(http);

    private static async Task<IResult> PublicListAsync(string number, string? code, HttpContext http, CaseDocumentService documents, CancellationToken cancellationToken) =>
        await documents.PublicListAsync(number, code, cancellationToken) switch
        {
            { Documents: { } found } => Results.Ok(found),
            { RetryAfter: { } wait } => RateLimits.TooMany(http, wait),
            _ => Problems.NotFound("No case with that number and code."),
        };

    private static async Task<IResult> PublicReadAsync(
        string number, string documentId, string? code, HttpContext http, CaseDocumentService documents, CancellationToken cancellationToken) =>
        await documents.PublicReadAsync(number, code, documentId, cancellationToken) switch
        {
            { Found: { } found } => Pdf(http, found.Document, found.Pdf),
            { RetryAfter: { } wait } => RateLimits.TooMany(http, wait),
            _ => Problems.NotFound("No case with that number and code, or no such document."),
        };
}
