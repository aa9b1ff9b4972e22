using Window.Workflows.Catalog;

namespace Window.Workflows.Tests;

/// <summary>A throw-away catalogue folder: the shipped departments and calendar plus the files a test writes.</summary>
internal sealed class TempCatalog : IDisposable
{
    /// <summary>A valid item: two parallel steps joined by a third.</summary>
    public const string Sample = """
        {
          "$schema": "./schema/definition.schema.json",
          "kind": "item",
          "id": "sample",
          "version": 1,
          "name": { "zh": "样例", "en": "Sample" },
          "caseType": "promised",
          "promisedDays": 10,
          "statutoryDays": 20,
          "materials": [
            { "id": "identity-card", "name": { "zh": "身份证", "en": "ID card" }, "required": true, "visibleTo": ["hrss"] },
            { "id": "bank-account", "name": { "zh": "银行账户", "en": "Bank account" }, "required": true, "deferrable": true, "visibleTo": ["finance"] }
          ],
          "steps": [
            { "id": "first", "kind": "review", "department": "hrss", "name": { "zh": "一", "en": "First" }, "limitDays": 3,
              "outcomes": [{ "outcome": "approve", "set": { "firstDone": true } }, { "outcome": "reject" }, { "outcome": "return" }] },
            { "id": "second", "kind": "review", "department": "housing", "name": { "zh": "二", "en": "Second" }, "limitDays": 3,
              "outcomes": [{ "outcome": "approve" }] },
            { "id": "join", "kind": "review", "department": "finance", "name": { "zh": "合", "en": "Join" }, "limitDays": 3,
              "dependsOn": ["first", "second"], "outcomes": [{ "outcome": "approve" }, { "outcome": "reject" }] }
          ]
        }
        """;

    public TempCatalog()
    {
        Folder = Path.Join(Path.GetTempPath(), "window-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Join(Folder, "calendar"));
        File.Copy(Path.Join(Support.WorkflowsFolder, WorkflowCatalog.DepartmentsFile), Path.Join(Folder, WorkflowCatalog.DepartmentsFile));
        foreach (var year in Directory.EnumerateFiles(Path.Join(Support.WorkflowsFolder, "calendar")))
        {
            File.Copy(year, Path.Join(Folder, "calendar", Path.GetFileName(year)));
        }
    }

    public string Folder { get; }

    public TempCatalog With(string relativePath, string json)
    {
        var path = Path.Join(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return this;
    }

    public IReadOnlyList<ValidationProblem> Validate() => WorkflowCatalog.Validate(Folder);

    public WorkflowCatalog Load() => WorkflowCatalog.Load(Folder);

    /// <summary>The file name a problem in <paramref name="relativePath"/> is reported under.</summary>
    public string NameOf(string relativePath) => Path.Join(Folder, relativePath);

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/> in <paramref name="json"/>.</summary>
    public static int LineOf(string json, string marker)
    {
        var index = json.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker '{marker}' not in the JSON");
        return json[..index].Count(c => c == '\n') + 1;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
