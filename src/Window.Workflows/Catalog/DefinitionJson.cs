using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>An item definition read from JSON text: the definition when it is valid, and every problem found.</summary>
/// <param name="Item">The definition, or null when there are problems.</param>
/// <param name="Problems">Every problem, each with its <c>$.path</c>; empty when the definition is valid.</param>
public sealed record DefinitionRead(WorkflowDefinition? Item, IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>Whether the text is a valid item definition.</summary>
    public bool IsValid => Item is not null && Problems.Count == 0;
}

/// <summary>
/// One item definition as JSON, the format of <c>workflows/&lt;id&gt;.json</c>: read (with the catalogue's validator) and written
/// (for export and for storing a published version). Writing is canonical: fixed key order, two-space indentation, "\n" line ends,
/// Chinese unescaped and a final newline, so that export → import → export gives the same bytes.
/// </summary>
public static class DefinitionJson
{
    /// <summary>The <c>$schema</c> every exported definition names, as the files in <c>workflows/</c> do.</summary>
    public const string Schema = "./schema/definition.schema.json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads one item definition from <paramref name="json"/> and validates it as the catalogue loader does, with
    /// <paramref name="departments"/> as the known department ids. <paramref name="name"/> names the text in the problems.
    /// </summary>
    public static DefinitionRead Read(string json, IReadOnlySet<string> departments, string name = "definition.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(departments);
        var problems = new List<ValidationProblem>();
        if (JsonFile.Parse(Encoding.UTF8.GetBytes(json), name, problems) is not { } file)
        {
            return new DefinitionRead(null, problems);
        }

        if (file.Root.ValueKind != JsonValueKind.Object)
        {
            file.Report("$", "expected an object");
            return new DefinitionRead(null, problems);
        }

        var kind = file.String(file.Root, "$", "kind");
        if (kind is not null and not "item")
        {
            file.Report("$.kind", $"'{kind}' is not 'item'");
        }

        var item = kind == "item" ? new DefinitionReader(file, departments).ReadItem() : null;
        if (item is not null && !CatalogLoader.IsId(item.Id))
        {
            file.Report("$.id", $"'{item.Id}' is not a lower-case kebab-case id");
        }

        return problems.Count == 0 ? new DefinitionRead(item, problems) : new DefinitionRead(null, problems);
    }

    /// <summary>Whether <paramref name="id"/> can name an item or a department: lower-case letters and digits joined by '-'.</summary>
    public static bool IsId(string id) => CatalogLoader.IsId(id);

    /// <summary>Writes <paramref name="item"/> in the export format (see the class summary).</summary>
    public static string Write(WorkflowDefinition item)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteItem(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteItem(Utf8JsonWriter w, WorkflowDefinition item)
    {
        w.WriteStartObject();
        w.WriteString("$schema", Schema);
        w.WriteString("kind", "item");
        w.WriteString("id", item.Id);
        w.WriteNumber("version", item.Version);
        WriteName(w, "name", item.Name);
        w.WriteString("caseType", Camel(item.CaseType));
        w.WriteNumber("promisedDays", item.PromisedDays);
        w.WriteNumber("statutoryDays", item.StatutoryDays);
        // Only what differs from the defaults: reading fills them in again, so the export says the same with less.
        if (item.ActRules.ExtensionDays != ActRules.Default.ExtensionDays)
        {
            w.WriteNumber("extensionDays", item.ActRules.ExtensionDays);
        }

        if (item.ActRules.SupplementDays != ActRules.Default.SupplementDays)
        {
            w.WriteNumber("supplementDays", item.ActRules.SupplementDays);
        }

        if (item.ActRules.ActsNeedApproval != ActRules.Default.ActsNeedApproval)
        {
            w.WriteBoolean("actsNeedApproval", item.ActRules.ActsNeedApproval);
        }

        w.WriteStartObject("warning");
        if (item.Warning.DaysLeft is { } daysLeft)
        {
            w.WriteNumber("daysLeft", daysLeft);
        }

        if (item.Warning.FractionUsed is { } fraction)
        {
            w.WriteNumber("fractionUsed", fraction);
        }

        w.WriteEndObject();
        if (item.Fields.Count > 0)
        {
            w.WriteStartArray("fields");
            foreach (var field in item.Fields)
            {
                w.WriteStartObject();
                w.WriteString("id", field.Id);
                w.WriteString("type", Camel(field.Type));
                WriteName(w, "name", field.Name);
                w.WriteString("source", Camel(field.Source));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("materials");
        foreach (var material in item.Materials)
        {
            w.WriteStartObject();
            w.WriteString("id", material.Id);
            WriteName(w, "name", material.Name);
            w.WriteBoolean("required", material.Required);
            if (material.ValidMonths is { } months)
            {
                w.WriteNumber("validMonths", months);
            }

            if (material.Deferrable)
            {
                w.WriteBoolean("deferrable", true);
            }

            WriteStrings(w, "visibleTo", material.VisibleTo);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("steps");
        foreach (var step in item.Steps)
        {
            WriteStep(w, step);
        }

        w.WriteEndArray();
        if (item.RefusalReasons.Count > 0)
        {
            w.WriteStartArray("refusalReasons");
            foreach (var reason in item.RefusalReasons)
            {
                w.WriteStartObject();
                w.WriteString("id", reason.Id);
                WriteName(w, "name", reason.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (item.RectificationDays != WorkflowDefinition.DefaultRectificationDays)
        {
            w.WriteNumber("rectificationDays", item.RectificationDays);
        }

        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, StepDefinition step)
    {
        w.WriteStartObject();
        w.WriteString("id", step.Id);
        w.WriteString("kind", Camel(step.Kind));
        if (step.Department is { } department)
        {
            w.WriteString("department", department);
        }

        WriteName(w, "name", step.Name);
        if (step.LimitDays is { } limit)
        {
            w.WriteNumber("limitDays", limit);
        }

        if (step.DependsOn.Count > 0)
        {
            WriteStrings(w, "dependsOn", step.DependsOn);
        }

        if (step.Condition is not null)
        {
            w.WriteString("condition", step.ConditionText
                ?? throw new InvalidOperationException($"Step '{step.Id}' has a condition without its text; read definitions from JSON to write them."));
        }

        if (step.IsHuman)
        {
            w.WriteStartArray("outcomes");
            foreach (var outcome in step.Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("outcome", Camel(outcome.Kind));
                if (outcome.Sets.Count > 0)
                {
                    w.WriteStartObject("set");
                    foreach (var (field, value) in outcome.Sets.OrderBy(s => s.Key, StringComparer.Ordinal))
                    {
                        w.WritePropertyName(field);
                        JsonSerializer.Serialize(w, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (step.Materials.Count > 0)
        {
            WriteStrings(w, "materials", step.Materials);
        }

        if (step.WaitUntil is { } waitUntil)
        {
            if (waitUntil.Fixed is { } day)
            {
                w.WriteString("waitUntil", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteStartObject("waitUntil");
                w.WriteNumber("month", waitUntil.Month);
                w.WriteNumber("day", waitUntil.Day);
                w.WriteEndObject();
            }
        }

        if (step.WaitDays is { } waitDays)
        {
            w.WriteNumber("waitDays", waitDays);
        }

        if (step.Kind == StepKind.WaitDays && !step.Counts)
        {
            w.WriteBoolean("counts", false);
        }

        w.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter w, string property, LocalizedName name)
    {
        w.WriteStartObject(property);
        w.WriteString("zh", name.Zh);
        w.WriteString("en", name.En);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string property, IEnumerable<string> values)
    {
        w.WriteStartArray(property);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
