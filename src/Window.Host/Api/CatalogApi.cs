using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Api;

/// <summary>The service catalogue: items and bundles with their materials and limits, and the departments.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/catalog", (CatalogSource catalogs) => Results.Ok(Describe(catalogs.Current))).WithTags("Catalog").WithName("GetCatalog");
        return routes;
    }

    private static CatalogDto Describe(WorkflowCatalog catalog)
    {
        var latest = catalog.OpenableItems.ToList();
        var items = latest.Select(i => new CatalogItemDto(
            i.Id,
            i.Version,
            CaseDtos.Name(i.Name),
            Camel(i.CaseType.ToString()),
            i.PromisedDays,
            i.StatutoryDays,
            [.. i.Materials.Select(m => new CatalogMaterialDto(m.Id, CaseDtos.Name(m.Name), m.Required, m.Deferrable))],
            [.. i.Steps.Select(s => new CatalogStepDto(s.Id, CaseDtos.Name(s.Name), Camel(s.Kind.ToString()), s.Department, s.LimitDays, s.DependsOn))])).ToList();
        var bundles = catalog.Bundles.GroupBy(b => b.Id).Select(g => g.MaxBy(b => b.Version)!).Select(b =>
        {
            var members = b.Items.Select(id => catalog.LatestItem(id)!).ToList();
            // The same combined checklist the engine opens the bundle with (Checklist).
            var materials = Checklist.Of(members).Materials.Select(m => new CatalogMaterialDto(
                m.Id, CaseDtos.Name(m.Name), m.Required, m.MayDefer)).ToList();
            return new CatalogBundleDto(b.Id, b.Version, CaseDtos.Name(b.Name), Camel(b.CaseType.ToString()), members.Max(m => m.PromisedDays), b.Items, materials);
        }).ToList();
        var departments = catalog.Departments.Values.Select(d => new DepartmentDto(d.Id, CaseDtos.Name(d.Name))).ToList();
        return new CatalogDto(items, bundles, departments);
    }

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
