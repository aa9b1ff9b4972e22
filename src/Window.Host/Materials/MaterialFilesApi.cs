using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Window.Host.Api;
using Window.Host.Identity;

namespace Window.Host.Materials;

/// <summary>Which file of the talent's on file a reuse links.</summary>
public sealed record ReuseRequest(string? FileId);

/// <summary>
/// The materials' files (issue 24): upload (multipart, one file per request, <c>Idempotency-Key</c>), list, the bytes,
/// the reuse of a file on file, and the access journal. The bytes are served only on the signed-in session's cookie,
/// never cached (the host's <c>no-store</c>), and each request for them is journaled.
/// </summary>
public static class MaterialFilesApi
{
    // Room for the multipart boundaries and headers around the one file.
    private const long MultipartSlack = 64 * 1024;

    /// <summary>Whether a request is an upload (its body is streamed here, not capped at the JSON limit).</summary>
    public static bool IsUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return HttpMethods.IsPost(request.Method) && segments is ["api", "cases", _, "materials", _, "files"];
    }

    public static IEndpointRouteBuilder MapMaterialFilesApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/cases/{id}/materials").WithTags("Materials").RequireAuthorization(Policies.CaseReaders);
        files.MapPost("/{materialId}/files", UploadAsync).RequireAuthorization(Policies.DeskOrOfficer).WithName("UploadMaterialFile")
            .WithSummary("Attaches one file (PDF, JPEG or PNG; multipart field 'file') to a material of the case");
        files.MapGet("/{materialId}/files", ListAsync).WithName("ListMaterialFiles").WithSummary("The files of one material the caller may see");
        files.MapGet("/{materialId}/files/{fileId}", ReadAsync).WithName("GetMaterialFile").WithSummary("A file's bytes (journaled; 404 where the material is not shared with the caller)");
        files.MapPost("/{materialId}/files/reuse", ReuseAsync).RequireAuthorization(Policies.DeskOrOfficer).WithName("ReuseMaterialFile")
            .WithSummary("Links a file the talent has on file (still valid) to this case's material");
        files.MapGet("/files", ListCaseAsync).WithName("ListCaseMaterialFiles").WithSummary("Every file of the case's materials the caller may see");
        files.MapGet("/on-file", OnFileAsync).RequireAuthorization(Policies.DeskOrOfficer).WithName("MaterialFilesOnFile")
            .WithSummary("The talent's valid files on file for this case's materials, not yet attached");
        files.MapGet("/journal", JournalAsync).WithName("MaterialFileJournal").WithSummary("Who attached, viewed or purged the case's files (officer, supervisors)");
        return routes;
    }

    private static async Task<IResult> UploadAsync(
        string id, string materialId, HttpContext http, MaterialFileService materials, MaterialOptions options, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is not { } key)
        {
            return IdempotencyGate.MissingKey();
        }

        // Refused before a byte of the body is read: a declared length beyond the file limit.
        if (http.Request.ContentLength > options.MaxFileBytes + MultipartSlack)
        {
            return TooLarge(options);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxFileBytes + MultipartSlack;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.Invalid(MaterialFileService.FileField, "Send the file as multipart/form-data in a field named 'file'.", "file_missing");
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = options.MaxFileBytes + 1 };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()
                || !disposition.Name.Equals(MaterialFileService.FileField, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var result = await materials.AttachAsync(Actors.Of(http.User), id, materialId, section.Body, key, cancellationToken);
                if (result.Replayed)
                {
                    http.Response.Headers[IdempotencyGate.ReplayedHeader] = "true";
                }

                return result switch
                {
                    { Refusal: { DenialReason: { } reason } refusal } => http.Deny(refusal.Status, reason, refusal.Message),
                    { Refusal: { Status: StatusCodes.Status404NotFound } } => CaseResults.Hidden(http),
                    { Refusal: { } refusal } => CaseResults.Refused(refusal),
                    { Created: false, Replayed: false } => Results.Ok(result.File),
                    _ => Results.Created($"/api/cases/{id}/materials/{materialId}/files/{result.File!.FileId}", result.File),
                };
            }
            catch (InvalidDataException)
            {
                // The multipart reader's own limit: the section went past the file limit.
                return TooLarge(options);
            }
        }

        return Problems.Invalid(MaterialFileService.FileField, "Send the file as multipart/form-data in a field named 'file'.", "file_missing");
    }

    private static async Task<IResult> ListAsync(string id, string materialId, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken) =>
        await materials.ListAsync(Actors.Of(http.User), id, materialId, cancellationToken) is { } found ? Results.Ok(found) : CaseResults.Hidden(http);

    private static async Task<IResult> ListCaseAsync(string id, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken) =>
        await materials.ListCaseAsync(Actors.Of(http.User), id, cancellationToken) is { } found ? Results.Ok(found) : CaseResults.Hidden(http);

    private static async Task<IResult> OnFileAsync(string id, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken) =>
        await materials.OnFileAsync(Actors.Of(http.User), id, cancellationToken) is { } found ? Results.Ok(found) : CaseResults.Hidden(http);

    private static async Task<IResult> JournalAsync(string id, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken) =>
        await materials.JournalAsync(Actors.Of(http.User), id, cancellationToken) switch
        {
            { Refusal.Status: StatusCodes.Status404NotFound } => CaseResults.Hidden(http),
            var result => CaseResults.From(http, result),
        };

    private static async Task<IResult> ReadAsync(string id, string materialId, string fileId, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken)
    {
        if (await materials.OpenAsync(Actors.Of(http.User), id, materialId, fileId, cancellationToken) is not { } opened)
        {
            return CaseResults.Hidden(http);
        }

        var extension = opened.File.ContentType switch { MaterialContent.Pdf => "pdf", MaterialContent.Png => "png", _ => "jpg" };
        var disposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = $"{materialId}-{fileId[..8]}.{extension}" };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.ETag = $"\"{opened.File.Sha256}\"";
        http.Response.ContentLength = opened.File.Size;
        return Results.Stream(body => opened.WriteTo(body, http.RequestAborted), opened.File.ContentType);
    }

    private static async Task<IResult> ReuseAsync(
        string id, string materialId, ReuseRequest? request, HttpContext http, MaterialFileService materials, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (string.IsNullOrWhiteSpace(request?.FileId))
        {
            return Problems.Invalid("fileId", "Name the file on file to reuse.", "required");
        }

        var result = await materials.ReuseAsync(Actors.Of(http.User), id, materialId, request.FileId, cancellationToken);
        return result switch
        {
            { Refusal: { DenialReason: { } reason } refusal } => http.Deny(refusal.Status, reason, refusal.Message),
            { Refusal: { Code: "not_found" } } => CaseResults.Hidden(http),
            { Refusal: { } refusal } => CaseResults.Refused(refusal),
            { Created: true } => Results.Created($"/api/cases/{id}/materials/{materialId}/files/{result.File!.FileId}", result.File),
            _ => Results.Ok(result.File),
        };
    }

    private static IResult TooLarge(MaterialOptions options) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "file_too_large", $"A file has at most {options.MaxFileBytes / (1024 * 1024)} MB.", MaterialFileService.FileField, []);
}
