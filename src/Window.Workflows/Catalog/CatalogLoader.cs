using System.Text.Json;
using System.Text.RegularExpressions;
using Window.Workflows.Calendar;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>Reads a catalogue folder, collecting every problem instead of stopping at the first.</summary>
internal static partial class CatalogLoader
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(?<id>.+)\.v(?<version>[0-9]+)$")]
    private static partial Regex ArchiveName();

    /// <summary>Whether <paramref name="id"/> is a lower-case kebab-case id, as items, bundles and departments have.</summary>
    public static bool IsId(string id) => IdPattern().IsMatch(id);

    public static (WorkflowCatalog? Catalog, List<ValidationProblem> Problems) Read(string folder)
    {
        var problems = new List<ValidationProblem>();
        string NameOf(string path) => Path.Join(folder, Path.GetRelativePath(folder, path));

        if (!Directory.Exists(folder))
        {
            problems.Add(new ValidationProblem(folder, 1, "$", "the catalogue folder does not exist"));
            return (null, problems);
        }

        var departmentsPath = Path.Join(folder, WorkflowCatalog.DepartmentsFile);
        var departments = File.Exists(departmentsPath) ? ReadDepartments(departmentsPath, NameOf(departmentsPath), problems) : [];
        if (!File.Exists(departmentsPath))
        {
            problems.Add(new ValidationProblem(NameOf(departmentsPath), 1, "$", "the departments file is missing"));
        }

        var departmentIds = departments.Select(d => d.Id).ToHashSet();
        var items = new List<(WorkflowDefinition Item, JsonFile File)>();
        var bundles = new List<(BundleDefinition Bundle, JsonFile File)>();
        var archive = Path.Join(folder, "archive");
        var files = Directory.EnumerateFiles(folder, "*.json")
            .Where(f => Path.GetFileName(f) != WorkflowCatalog.DepartmentsFile)
            .Select(f => (Path: f, Archived: false))
            .Concat(Directory.Exists(archive) ? Directory.EnumerateFiles(archive, "*.json").Select(f => (Path: f, Archived: true)) : [])
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        foreach (var (path, archived) in files)
        {
            if (JsonFile.Open(path, NameOf(path), problems) is not { } file)
            {
                continue;
            }

            if (file.Root.ValueKind != JsonValueKind.Object)
            {
                file.Report("$", "expected an object");
                continue;
            }

            var reader = new DefinitionReader(file, departmentIds);
            var kind = file.String(file.Root, "$", "kind");
            (string Id, int Version)? key = null;
            if (kind == "item" && reader.ReadItem() is { } item)
            {
                items.Add((item, file));
                key = (item.Id, item.Version);
            }
            else if (kind == "bundle" && reader.ReadBundle() is { } bundle)
            {
                bundles.Add((bundle, file));
                key = (bundle.Id, bundle.Version);
            }
            else if (kind is not null and not ("item" or "bundle"))
            {
                file.Report("$.kind", $"'{kind}' is not one of 'item', 'bundle'");
            }

            if (key is { } k)
            {
                CheckFileName(file, path, k.Id, k.Version, archived);
            }
        }

        CheckAcrossFiles(items, bundles);
        var calendar = ReadCalendar(Path.Join(folder, "calendar"), NameOf, problems);
        var catalog = problems.Count == 0
            ? new WorkflowCatalog(departments, items.Select(i => i.Item), bundles.Select(b => b.Bundle), calendar)
            : null;
        return (catalog, problems);
    }

    private static void CheckFileName(JsonFile file, string path, string id, int version, bool archived)
    {
        if (!IdPattern().IsMatch(id))
        {
            file.Report("$.id", $"'{id}' is not a lower-case kebab-case id");
        }

        var stem = Path.GetFileNameWithoutExtension(path);
        var expected = archived ? $"{id}.v{version}" : id;
        if (stem != expected && !(archived && ArchiveName().IsMatch(stem)))
        {
            file.Report("$.id", $"id '{id}' does not match the file name (expected {expected}.json)");
        }
        else if (archived && stem != expected)
        {
            file.Report("$.version", $"version {version} does not match the archive file name (expected {expected}.json)");
        }
    }

    private static void CheckAcrossFiles(List<(WorkflowDefinition Item, JsonFile File)> items, List<(BundleDefinition Bundle, JsonFile File)> bundles)
    {
        var seen = new HashSet<(string, int)>();
        foreach (var (id, version, file) in items.Select(i => (i.Item.Id, i.Item.Version, i.File)).Concat(bundles.Select(b => (b.Bundle.Id, b.Bundle.Version, b.File))))
        {
            if (!seen.Add((id, version)))
            {
                file.Report("$.id", $"duplicate definition '{id}' version {version}");
            }
        }

        var itemIds = items.Select(i => i.Item.Id).ToHashSet();
        foreach (var (bundle, file) in bundles)
        {
            for (var index = 0; index < bundle.Items.Count; index++)
            {
                if (!itemIds.Contains(bundle.Items[index]))
                {
                    var what = bundles.Any(b => b.Bundle.Id == bundle.Items[index]) ? "a bundle cannot contain another bundle" : "unknown item";
                    file.Report($"$.items[{index}]", $"{what} '{bundle.Items[index]}'");
                }
            }
        }
    }

    private static List<Department> ReadDepartments(string path, string name, List<ValidationProblem> problems)
    {
        var departments = new List<Department>();
        if (JsonFile.Open(path, name, problems) is not { } file || file.Root.ValueKind != JsonValueKind.Object)
        {
            return departments;
        }

        file.OnlyProperties(file.Root, "$", "departments");
        if (file.Array(file.Root, "$", "departments") is not { } array)
        {
            return departments;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var itemPath = $"$.departments[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                file.Report(itemPath, "expected an object");
                continue;
            }

            file.OnlyProperties(element, itemPath, "id", "name");
            var id = file.String(element, itemPath, "id");
            var departmentName = file.LocalizedName(element, itemPath);
            if (id is not null && departments.Any(d => d.Id == id))
            {
                file.Report($"{itemPath}.id", $"duplicate department id '{id}'");
            }
            else if (id is not null && departmentName is not null)
            {
                departments.Add(new Department(id, departmentName));
            }
        }

        return departments;
    }

    private static WorkingCalendar ReadCalendar(string folder, Func<string, string> nameOf, List<ValidationProblem> problems)
    {
        var years = new List<CalendarYear>();
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            problems.Add(new ValidationProblem(nameOf(folder), 1, "$", "the calendar folder has no year files"));
        }

        foreach (var path in files)
        {
            if (JsonFile.Open(path, nameOf(path), problems) is { } file && CalendarReader.Read(file, Path.GetFileNameWithoutExtension(path)) is { } year)
            {
                years.Add(year);
            }
        }

        return new WorkingCalendar(years);
    }
}
