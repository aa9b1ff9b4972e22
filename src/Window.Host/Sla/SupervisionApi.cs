using Orleans.Dashboard;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Identity;
using Window.Host.Sla.Exports;

namespace Window.Host.Sla;

/// <summary>GET /api/sla/export's query: the summary's period and scope, and <c>xlsx</c> or <c>pdf</c>.</summary>
public sealed record SlaExportQuery(string? Format, string? From, string? To, string? Department, string? Item);

/// <summary>
/// What supervisors take out of the system (issue 23): the month's figures as Excel or PDF, the breach list and any filtered
/// case list as Excel; and the Orleans dashboard for administrators.
/// </summary>
public static class SupervisionApi
{
    /// <summary>The Orleans dashboard's address (administrators only).</summary>
    public const string OrleansDashboardPath = "/admin/orleans";

    /// <summary>Maps /api/sla/export, /api/sla/breaches/export, /api/sla/cases/export and the Orleans dashboard.</summary>
    public static WebApplication MapWindowSupervision(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/sla/export", ExportAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/breaches/export", BreachesAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/cases/export", CasesAsync).RequireAuthorization(Policies.Oversight);
        app.MapAlertRulesApi();
        app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization(Policies.Administrators);
        return app;
    }

    /// <summary>Adds the exports and the alert rules with their periodic pass.</summary>
    public static WebApplicationBuilder AddWindowSupervision(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SupervisionExports>();
        builder.Services.AddSingleton<SupervisionService>();
        builder.AddWindowAlertRules();
        return builder;
    }

    private static async Task<IResult> ExportAsync(
        [AsParameters] SlaExportQuery query, SupervisionExports exports, Window.Workflows.Catalog.CatalogSource catalogs, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var catalog = catalogs.Current;
        var format = SlaApi.Optional(query.Format) ?? "xlsx";
        if (format is not ("xlsx" or "pdf"))
        {
            return Problems.Invalid("format", "format is xlsx or pdf.");
        }

        var scope = new SlaSummaryQuery(query.From, query.To, SlaApi.Optional(query.Department), SlaApi.Optional(query.Item));
        if (SlaApi.Period(scope, time, out var from, out var to) is { } refusal)
        {
            return refusal;
        }

        if (scope.Department is { } department && !catalog.Departments.ContainsKey(department))
        {
            return Problems.Invalid("department", $"Unknown department {department}.");
        }

        if (scope.Item is { } item && catalog.LatestItem(item) is null)
        {
            return Problems.Invalid("item", $"Unknown service item {item}.");
        }

        var report = await exports.ReportAsync(from, to, scope.Department, scope.Item, cancellationToken);
        var name = $"效能监察-{DateQuery.Format(from)}-{DateQuery.Format(to)}";
        return format == "xlsx"
            ? Results.File(exports.Workbook(report), Xlsx.ContentType, name + ".xlsx")
            : Results.File(exports.Pdf(report), "application/pdf", name + ".pdf");
    }

    private static async Task<IResult> BreachesAsync(SupervisionExports exports, CancellationToken cancellationToken) =>
        Results.File(Xlsx.Write([await exports.BreachSheetAsync(cancellationToken)]), Xlsx.ContentType, "预警与超期清单.xlsx");

    private static async Task<IResult> CasesAsync(
        [AsParameters] CaseListQuery query, HttpContext http, SupervisionExports exports, CancellationToken cancellationToken)
    {
        var (sheet, refusal) = await exports.CaseSheetAsync(Actors.Of(http.User), query, cancellationToken);
        return refusal is not null ? CaseResults.Refused(refusal) : Results.File(Xlsx.Write([sheet!]), Xlsx.ContentType, "办件清单.xlsx");
    }
}
