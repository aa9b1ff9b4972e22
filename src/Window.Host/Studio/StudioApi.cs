using System.Security.Cryptography;
using System.Text;
using Window.Host.Api;
using Window.Host.Identity;

namespace Window.Host.Studio;

/// <summary>One problem of a definition in an API answer: its JSON path and what is wrong.</summary>
public sealed record StudioProblemDto(string Path, string Message);

/// <summary>201 of <c>POST /api/admin/workflows/{id}/drafts</c> (and 200 of the PUT): the draft and its problems.</summary>
public sealed record StudioDraftDto(Guid DraftId, IReadOnlyList<StudioProblemDto> Problems);

/// <summary>201 of a publication: the version it made.</summary>
public sealed record StudioVersionDto(int Version);

/// <summary>
/// The workflow studio's API (administrators only): list items, create and save drafts (the body is a definition as JSON, the
/// format of <c>workflows/&lt;id&gt;.json</c>), publish, list versions, read one in the export format, retract.
/// Every change needs an <c>Idempotency-Key</c>; a retried creation answers the same draft, a retried publication the same version.
/// </summary>
public static class StudioApi
{
    /// <summary>Maps /api/admin/workflows.</summary>
    public static WebApplication MapStudioApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var studio = app.MapGroup("/api/admin/workflows").WithTags("Workflow studio").RequireAuthorization(Policies.Administrators);
        studio.MapGet("", async (WorkflowStudio workflows, CancellationToken cancellationToken) => Results.Ok(await workflows.ItemsAsync(cancellationToken)))
            .WithName("ListWorkflows");
        studio.MapPost("/{id}/drafts", CreateDraftAsync).WithName("CreateWorkflowDraft");
        studio.MapGet("/{id}/drafts/{draftId:guid}", GetDraftAsync).WithName("GetWorkflowDraft");
        studio.MapPut("/{id}/drafts/{draftId:guid}", SaveDraftAsync).WithName("SaveWorkflowDraft");
        studio.MapPost("/{id}/drafts/{draftId:guid}/publish", PublishAsync).WithName("PublishWorkflowDraft");
        studio.MapGet("/{id}/versions", async (string id, WorkflowStudio workflows, CancellationToken cancellationToken) =>
            await workflows.VersionsAsync(id, cancellationToken) is { Count: > 0 } versions ? Results.Ok(versions) : Problems.NotFound("No such item."))
            .WithName("ListWorkflowVersions");
        studio.MapGet("/{id}/versions/{version:int}", async (string id, int version, WorkflowStudio workflows, CancellationToken cancellationToken) =>
            await workflows.VersionJsonAsync(id, version, cancellationToken) is { } json
                ? Results.Text(json, "application/json", Encoding.UTF8)
                : Problems.NotFound("No such version."))
            .WithName("GetWorkflowVersion");
        studio.MapPost("/{id}/versions/{version:int}/retraction", RetractAsync).WithName("RetractWorkflowVersion");
        return app;
    }

    private static async Task<IResult> CreateDraftAsync(string id, HttpContext http, WorkflowStudio workflows, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is not { } key)
        {
            return IdempotencyGate.MissingKey();
        }

        var user = Actors.Of(http.User).User;
        if (await BodyAsync(http, cancellationToken) is not { } json)
        {
            return EmptyBody();
        }

        var saved = await workflows.CreateDraftAsync(id, json, user, DraftIdFor(user, key), cancellationToken);
        return Results.Created($"/api/admin/workflows/{id}/drafts/{saved.DraftId}", Dto(saved));
    }

    private static async Task<IResult> GetDraftAsync(string id, Guid draftId, WorkflowStudio workflows, CancellationToken cancellationToken) =>
        await workflows.DraftAsync(id, draftId, cancellationToken) is { } draft ? Results.Ok(draft) : Problems.NotFound("No such draft.");

    private static async Task<IResult> SaveDraftAsync(string id, Guid draftId, HttpContext http, WorkflowStudio workflows, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (await BodyAsync(http, cancellationToken) is not { } json)
        {
            return EmptyBody();
        }

        var saved = await workflows.SaveDraftAsync(id, draftId, json, Actors.Of(http.User).User, cancellationToken);
        return saved.Found ? Results.Ok(Dto(saved)) : Problems.NotFound("No such draft (published, discarded or never created).");
    }

    private static async Task<IResult> PublishAsync(string id, Guid draftId, HttpContext http, WorkflowStudio workflows, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        var published = await workflows.PublishAsync(id, draftId, Actors.Of(http.User).User, cancellationToken);
        return published.Status switch
        {
            StudioPublishStatus.Published => Results.Created($"/api/admin/workflows/{id}/versions/{published.Version}", new StudioVersionDto(published.Version!.Value)),
            StudioPublishStatus.NotFound => Problems.NotFound("No such draft."),
            _ => Problems.Create(StatusCodes.Status422UnprocessableEntity, "definition_invalid",
                $"The draft has {published.Problems.Count} problem(s); fix them before publishing.", published.Problems[0].Path, [],
                new Dictionary<string, object?> { ["problems"] = published.Problems.Select(p => new StudioProblemDto(p.Path, p.Message)).ToList() }),
        };
    }

    private static async Task<IResult> RetractAsync(string id, int version, HttpContext http, WorkflowStudio workflows, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        return await workflows.RetractAsync(id, version, Actors.Of(http.User).User, cancellationToken) switch
        {
            StudioRetractStatus.NotFound => Problems.NotFound("No such version."),
            _ => Results.Ok(new StudioVersionDto(version)),
        };
    }

    /// <summary>The body as text, or null when it is empty; larger bodies than the API takes were already refused (413).</summary>
    private static async Task<string?> BodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static IResult EmptyBody() => Problems.Invalid("body", "Send the definition as JSON (the format of workflows/<id>.json).");

    private static StudioDraftDto Dto(StudioDraftSaved saved) => new(saved.DraftId, [.. saved.Problems.Select(p => new StudioProblemDto(p.Path, p.Message))]);

    /// <summary>The draft a creation makes, derived from who sent it and its idempotency key, so that a retry finds the first one.</summary>
    private static Guid DraftIdFor(string user, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"window-studio-draft\n{user}\n{key}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
