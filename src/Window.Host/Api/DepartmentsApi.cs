using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>The department work queues (steps routed to one department, most urgent first), a page at a time.</summary>
public static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/departments/{department}/queue", QueueAsync).RequireAuthorization(Policies.QueueReaders).WithTags("Departments").WithName("DepartmentQueue");
        return routes;
    }

    private static async Task<IResult> QueueAsync(
        string department, [AsParameters] QueuePageQuery query, HttpContext http, CaseQueryService queries, CancellationToken cancellationToken) =>
        CaseResults.From(http, await queries.QueueAsync(Actors.Of(http.User), department, query, cancellationToken));
}
