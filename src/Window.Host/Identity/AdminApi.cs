using Microsoft.AspNetCore.Identity;
using Window.Host.Api;
using Window.Host.Components.Ui;
using Window.Storage.Identity;
using Window.Workflows.Catalog;

namespace Window.Host.Identity;

/// <summary>An account as administrators see it (never the hash).</summary>
public sealed record UserDto(string Username, string DisplayName, string Role, string? Department, bool Active, bool Locked);

/// <summary><c>POST /api/admin/users</c> and <c>PUT /api/admin/users/{username}</c>; a password only when setting one.</summary>
public sealed record UserRequest(string? Username, string? DisplayName, string? Role, string? Department, string? Password, bool? Active);

/// <summary><c>PUT /api/admin/departments/{id}</c>.</summary>
public sealed record DepartmentRequest(string? NameZh, string? NameEn, bool? Active);

/// <summary>Administrators manage staff accounts and departments, and read the catalogue's validation result.</summary>
public static class AdminApi
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["username"] = "username: 1 to 64 letters, digits, '-', '_' or '.'.",
        ["displayName"] = "displayName is required (at most 100 characters).",
        ["role"] = $"role must be one of {string.Join(", ", AccountRules.StaffRoles)}.",
        ["department"] = "Department staff belong to exactly one active department; other roles to none.",
        ["password"] = $"A password has at least {AccountRules.MinimumPasswordLength} characters.",
        ["id"] = "A department id is lower-case letters, digits and '-'.",
        ["nameZh"] = "nameZh and nameEn are required.",
    };

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policies.Administrators);
        admin.MapGet("/users", async (UserStore users, TimeProvider time) =>
            Results.Ok((await users.ListAsync()).Select(u => Dto(u, time.GetUtcNow())).ToList())).WithName("ListUsers");
        admin.MapPost("/users", CreateUserAsync).WithName("CreateUser");
        admin.MapPut("/users/{username}", UpdateUserAsync).WithName("UpdateUser");
        admin.MapPost("/users/{username}/sign-out", SignOutUserAsync).WithName("SignOutUser");
        admin.MapGet("/departments", async (UserStore users) => Results.Ok(await users.DepartmentsAsync())).WithName("ListDepartments");
        admin.MapPut("/departments/{id}", UpsertDepartmentAsync).WithName("UpsertDepartment");
        admin.MapGet("/catalog/validation", (Hosting.WindowSettings settings) =>
            Results.Ok(WorkflowCatalog.Validate(settings.WorkflowsDirectory).Select(p => p.ToString()).ToList())).WithName("ValidateCatalog");
        return routes;
    }

    private static async Task<IResult> CreateUserAsync(
        UserRequest? request, HttpContext http, UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider time, Names names)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (request is null)
        {
            return Problems.Invalid("username", Messages["username"]);
        }

        if (await Check(request.Username ?? "", request, users, passwordRequired: true) is { } invalid)
        {
            return invalid;
        }

        var record = new UserRecord(request.Username!, request.DisplayName!.Trim(), request.Role!, request.Department, "", 0, null, request.Active ?? true);
        record = record with { PasswordHash = hasher.HashPassword(record, request.Password!) };
        if (!await users.CreateAsync(record, time.GetUtcNow(), http.RequestAborted))
        {
            var existing = await users.FindAsync(record.Username, http.RequestAborted);
            return existing is not null && existing with { PasswordHash = "" } == record with { PasswordHash = "" } && hasher.VerifyHashedPassword(existing, existing.PasswordHash, request.Password!) != PasswordVerificationResult.Failed
                ? Results.Created($"/api/admin/users/{record.Username}", Dto(existing, time.GetUtcNow()))
                : Problems.Create(StatusCodes.Status409Conflict, "user_exists", $"There is already a user {request.Username}.", "username", []);
        }

        // The pages of this host name the new user at once (as the admin page does), not after the names' freshness.
        names.Forget();
        return Results.Created($"/api/admin/users/{record.Username}", Dto(record, time.GetUtcNow()));
    }

    private static async Task<IResult> UpdateUserAsync(
        string username, UserRequest? request, HttpContext http, UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider time, Sessions sessions)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (request is null)
        {
            return Problems.Invalid("body", "Send the user's displayName, role and department.");
        }

        if (await Check(null, request, users, passwordRequired: false) is { } invalid)
        {
            return invalid;
        }

        if (await users.FindAsync(username, http.RequestAborted) is not { } existing)
        {
            return Problems.NotFound($"No user {username}.");
        }

        if (existing.Active && request.Active == false
            && await http.RequestServices.GetRequiredService<Cases.HandoverService>().DeactivationProblemAsync(username, http.RequestAborted) is { } held)
        {
            return Problems.Create(StatusCodes.Status409Conflict, held.Code, held.Message, held.Field, []);
        }

        var updated = existing with
        {
            DisplayName = request.DisplayName!.Trim(),
            Role = request.Role!,
            Department = request.Department,
            Active = request.Active ?? existing.Active,
            FailedAttempts = 0,
            LockedUntil = null,
        };
        if (request.Password is { Length: > 0 } password)
        {
            updated = updated with { PasswordHash = hasher.HashPassword(updated, password) };
        }

        await users.UpdateAsync(updated, http.RequestAborted);
        sessions.AccountChanged(username);
        return Results.Ok(Dto(updated, time.GetUtcNow()));
    }

    /// <summary>Ends every session of the account (a lost laptop, a suspected stolen password) without changing it.</summary>
    private static async Task<IResult> SignOutUserAsync(string username, HttpContext http, Sessions sessions)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (!await sessions.EndAllAsync(username, Actors.Of(http.User).User, http.RequestAborted))
        {
            return Problems.NotFound($"No user {username}.");
        }

        return Results.NoContent();
    }

    private static async Task<IResult?> Check(string? username, UserRequest request, UserStore users, bool passwordRequired)
    {
        var field = AccountRules.UserProblem(username, request.DisplayName, request.Role, request.Department, request.Password, passwordRequired, await users.DepartmentsAsync());
        return field is null ? null : Problems.Invalid(field, Messages[field]);
    }

    private static async Task<IResult> UpsertDepartmentAsync(string id, DepartmentRequest? request, HttpContext http, UserStore users, Studio.WorkflowStudio studio)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (AccountRules.DepartmentProblem(id, request?.NameZh, request?.NameEn) is { } field)
        {
            return Problems.Invalid(field, Messages[field]);
        }

        var department = new DepartmentRecord(id, request!.NameZh!.Trim(), request.NameEn!.Trim(), request.Active ?? true);

        // Through the studio first: it journals the change, so routing on every host sees the department; the store keeps the flag.
        if ((await studio.SaveDepartmentAsync(id, new(department.NameZh, department.NameEn), Actors.Of(http.User).User, http.RequestAborted)).Problems is [var problem, ..])
        {
            return Problems.Invalid(problem.Path, problem.Message);
        }

        await users.UpsertDepartmentAsync(department, http.RequestAborted);
        return Results.Ok(department);
    }

    private static UserDto Dto(UserRecord user, DateTimeOffset now) =>
        new(user.Username, user.DisplayName, user.Role, user.Department, user.Active, user.LockedUntil > now);
}
