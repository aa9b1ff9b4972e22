using Window.Contracts;
using Window.Host.Identity;
using Window.Storage.ReadModel;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Api;

/// <summary>The department work queues (steps routed to one department, most urgent first).</summary>
public static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/departments/{department}/queue", QueueAsync).RequireAuthorization(Policies.QueueReaders).WithTags("Departments").WithName("DepartmentQueue");
        return routes;
    }

    private static async Task<IResult> QueueAsync(
        string department, int? limit, HttpContext http, IReadModel readModel, WorkflowCatalog catalog, CaseDtos dtos, TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http.User);
        if (actor.Role == Roles.Department && actor.Department != department)
        {
            return http.Deny(StatusCodes.Status403Forbidden, "another department's queue", "Department staff see only their own department's queue.");
        }

        if (!catalog.Departments.ContainsKey(department))
        {
            return Problems.NotFound($"No department {department}.");
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit", "limit is 1 to 1000.");
        }

        var today = OfficeTime.DateOf(time.GetUtcNow());
        var entries = await readModel.DepartmentQueueAsync(department, limit ?? 200, cancellationToken);
        return Results.Ok(entries.Select(entry => dtos.Queue(entry, today)).ToList());
    }
}
