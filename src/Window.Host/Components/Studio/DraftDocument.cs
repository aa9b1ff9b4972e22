using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Window.Host.Components.Ui;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Components.Studio;

/// <summary>
/// The definition an administrator edits, held as the JSON of the export format itself: the form, the graph and the
/// expert's JSON view all read and write this one tree, so every field has the JSON path the validator's problems
/// name, a property the form does not know survives an edit, and a half-finished draft (a name not typed yet, a
/// condition not parsing yet) can still be shown and saved. Clearing a field removes its property, so the validator
/// says what is missing on that field.
/// </summary>
public sealed class DraftDocument
{
    /// <summary>The outcomes a new review step allows (approve, reject, return for supplement).</summary>
    public static readonly IReadOnlyList<Outcome> ReviewOutcomes = [Outcome.Approve, Outcome.Reject, Outcome.Return];

    /// <summary>The working days a new step gets.</summary>
    public const int DefaultLimitDays = 5;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private DraftDocument(JsonObject root) => Root = root;

    /// <summary>The definition's JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>A new item with one review step by <paramref name="department"/>: limits that pass validation from the start.</summary>
    public static DraftDocument NewItem(string id, LocalizedName name, Department department)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(department);
        var root = new JsonObject
        {
            ["kind"] = "item",
            ["id"] = id,
            ["version"] = 1,
            ["name"] = Name(name),
            ["caseType"] = "promised",
            ["promisedDays"] = 10,
            ["statutoryDays"] = 20,
            ["warning"] = new JsonObject { ["daysLeft"] = 2 },
            ["materials"] = new JsonArray(),
            ["steps"] = new JsonArray(),
        };
        var draft = new DraftDocument(root);
        draft.AddStep(department, after: null);
        return draft;
    }

    /// <summary>Reads <paramref name="json"/>; null and a message when it is not a JSON object.</summary>
    public static DraftDocument? Parse(string json, out string? error)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject root)
            {
                error = null;
                return new DraftDocument(root);
            }

            error = Text.L("JSON 须为一个对象（以 { 开头）。", "The JSON must be one object (starting with {).");
        }
        catch (JsonException e)
        {
            error = Text.L($"JSON 格式有误：第 {e.LineNumber + 1} 行 — {e.Message}", $"The JSON does not parse: line {e.LineNumber + 1} — {e.Message}");
        }

        return null;
    }

    /// <summary>The JSON, indented, Chinese left readable.</summary>
    public string ToJson() => Root.ToJsonString(Indented);

    /// <summary>The item's id.</summary>
    public string Id => Str(Root, "id") ?? "";

    /// <summary>The steps' objects, in order.</summary>
    public IReadOnlyList<JsonObject> Steps => Objects(Root, "steps");

    /// <summary>The materials' objects, in order.</summary>
    public IReadOnlyList<JsonObject> Materials => Objects(Root, "materials");

    /// <summary>The declared case-data fields' objects, in order.</summary>
    public IReadOnlyList<JsonObject> Fields => Objects(Root, "fields");

    /// <summary>The step called <paramref name="id"/>, if any.</summary>
    public JsonObject? Step(string id) => Steps.FirstOrDefault(s => Str(s, "id") == id);

    /// <summary>The path of a step's property, e.g. <c>$.steps[1].limitDays</c>.</summary>
    public string StepPath(JsonObject step, string? property = null) => Path("steps", step, property);

    /// <summary>The path of a material's property.</summary>
    public string MaterialPath(JsonObject material, string? property = null) => Path("materials", material, property);

    /// <summary>The path of a declared field's property.</summary>
    public string FieldPath(JsonObject field, string? property = null) => Path("fields", field, property);

    /// <summary>What the graph draws: each step's id, dependencies and condition text.</summary>
    public IReadOnlyList<StepLinks> Links() =>
        [.. Steps.Select(s => new StepLinks(Str(s, "id") ?? "", Strings(s, "dependsOn"), Str(s, "condition")))];

    /// <summary>
    /// Adds a review step by <paramref name="department"/> after <paramref name="after"/> (or at the start): the next free
    /// id (<c>step-3</c>), a name from the department, five working days, approve / reject / return.
    /// </summary>
    public JsonObject AddStep(Department? department, string? after)
    {
        var id = NextId(Steps, "step-");
        var place = Steps.Count + 1;
        var name = department is null
            ? new LocalizedName($"第{place}步", $"Step {place}")
            : new LocalizedName($"{department.Name.Zh}审核", $"{department.Name.En} review");
        var step = new JsonObject
        {
            ["id"] = id,
            ["kind"] = "review",
            ["department"] = department?.Id,
            ["name"] = Name(name),
            ["limitDays"] = DefaultLimitDays,
            ["outcomes"] = new JsonArray([.. ReviewOutcomes.Select(o => (JsonNode)new JsonObject { ["outcome"] = OutcomeName(o) })]),
        };
        if (department is null)
        {
            step.Remove("department");
        }

        if (after is not null)
        {
            step["dependsOn"] = new JsonArray(after);
        }

        Array(Root, "steps").Add(step);
        return step;
    }

    /// <summary>Removes a step and every dependency on it.</summary>
    public void RemoveStep(string id)
    {
        if (Step(id) is not { } step)
        {
            return;
        }

        Array(Root, "steps").Remove(step);
        foreach (var other in Steps)
        {
            SetStrings(other, "dependsOn", [.. Strings(other, "dependsOn").Where(d => d != id)]);
        }
    }

    /// <summary>
    /// Makes <paramref name="to"/> wait for <paramref name="from"/>; false (and nothing changes) when it already does,
    /// when a step does not exist, or when it would close a cycle.
    /// </summary>
    public bool Connect(string from, string to)
    {
        if (Step(from) is null || Step(to) is not { } waiting || Strings(waiting, "dependsOn").Contains(from) || StepGraph.WouldCycle(Links(), from, to))
        {
            return false;
        }

        SetStrings(waiting, "dependsOn", [.. Strings(waiting, "dependsOn"), from]);
        return true;
    }

    /// <summary>Makes <paramref name="to"/> no longer wait for <paramref name="from"/>.</summary>
    public void Disconnect(string from, string to)
    {
        if (Step(to) is { } waiting)
        {
            SetStrings(waiting, "dependsOn", [.. Strings(waiting, "dependsOn").Where(d => d != from)]);
        }
    }

    /// <summary>Adds a required material with the next free id, seen by the departments of the item's steps.</summary>
    public JsonObject AddMaterial()
    {
        var material = new JsonObject
        {
            ["id"] = NextId(Materials, "material-"),
            ["name"] = Name(new LocalizedName("", "")),
            ["required"] = true,
            ["visibleTo"] = new JsonArray([.. Steps.Select(s => Str(s, "department")).OfType<string>().Distinct().Select(d => (JsonNode)d)]),
        };
        Array(Root, "materials").Add(material);
        return material;
    }

    /// <summary>
    /// Declares a text field asked at the desk, with the next free name (<c>field1</c>); the administrator names it
    /// as conditions will read it.
    /// </summary>
    public JsonObject AddField()
    {
        var field = new JsonObject
        {
            ["id"] = NextId(Fields, "field"),
            ["type"] = "text",
            ["name"] = Name(new LocalizedName("", "")),
            ["source"] = "intake",
        };
        Array(Root, "fields").Add(field);
        return field;
    }

    /// <summary>
    /// Removes a material (and every step's reference to it) or a declared field; an empty list of fields is dropped,
    /// as the format's files do without one.
    /// </summary>
    public void Remove(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Root["fields"] is JsonArray fields && fields.Remove(node))
        {
            if (fields.Count == 0)
            {
                Root.Remove("fields");
            }

            return;
        }

        var id = Str(node, "id");
        if (Root["materials"] is JsonArray materials && materials.Remove(node))
        {
            foreach (var step in Steps.Where(s => s.ContainsKey("materials")))
            {
                SetStrings(step, "materials", [.. Strings(step, "materials").Where(m => m != id)]);
            }
        }
    }

    /// <summary>Whether the step allows <paramref name="outcome"/>.</summary>
    public static bool HasOutcome(JsonObject step, Outcome outcome) =>
        Objects(step, "outcomes").Any(o => Str(o, "outcome") == OutcomeName(outcome));

    /// <summary>Allows or disallows an outcome; what an allowed outcome sets is kept.</summary>
    public static void SetOutcome(JsonObject step, Outcome outcome, bool allowed)
    {
        ArgumentNullException.ThrowIfNull(step);
        var outcomes = Array(step, "outcomes");
        var existing = Objects(step, "outcomes").FirstOrDefault(o => Str(o, "outcome") == OutcomeName(outcome));
        if (allowed && existing is null)
        {
            outcomes.Add(new JsonObject { ["outcome"] = OutcomeName(outcome) });
        }
        else if (!allowed && existing is not null)
        {
            outcomes.Remove(existing);
        }
    }

    /// <summary>The stored name of an outcome (<c>approve</c>).</summary>
    public static string OutcomeName(Outcome outcome) => JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());

    /// <summary>The stored name of a step kind (<c>expertReview</c>).</summary>
    public static string KindName(StepKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The stored name of a case type (<c>promised</c>).</summary>
    public static string CaseTypeName(CaseType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>
    /// Changes a step's kind and keeps it valid for the kind: outcomes the kind allows, a department and limit for
    /// human steps, the wait's own property for waits.
    /// </summary>
    public static void SetKind(JsonObject step, StepKind kind)
    {
        ArgumentNullException.ThrowIfNull(step);
        step["kind"] = KindName(kind);
        var human = kind is StepKind.Review or StepKind.ExpertReview or StepKind.Window;
        IReadOnlyList<Outcome> allowed = kind switch
        {
            StepKind.Review => ReviewOutcomes,
            StepKind.ExpertReview => [Outcome.Approve, Outcome.Reject],
            StepKind.Window => [Outcome.Approve],
            _ => [],
        };
        foreach (var outcome in ReviewOutcomes)
        {
            SetOutcome(step, outcome, allowed.Contains(outcome) && (HasOutcome(step, outcome) || outcome == Outcome.Approve));
        }

        if (!human)
        {
            step.Remove("outcomes");
            step.Remove("limitDays");
        }
        else if (Int(step, "limitDays") is null)
        {
            step["limitDays"] = DefaultLimitDays;
        }

        if (kind != StepKind.WaitDays)
        {
            step.Remove("waitDays");
            step.Remove("counts");
        }
        else if (Int(step, "waitDays") is null)
        {
            step["waitDays"] = DefaultLimitDays;
        }

        if (kind != StepKind.WaitUntil)
        {
            step.Remove("waitUntil");
        }
        else if (!step.ContainsKey("waitUntil"))
        {
            step["waitUntil"] = new JsonObject { ["month"] = 8, ["day"] = 20 };
        }
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? Str(JsonObject? node, string property) =>
        node?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Sets a string property; empty text removes it (so the validator names it as missing).</summary>
    public static void SetStr(JsonObject node, string property, string? text)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(text))
        {
            node.Remove(property);
        }
        else
        {
            node[property] = text.Trim();
        }
    }

    /// <summary>An integer property, or null.</summary>
    public static int? Int(JsonObject? node, string property) =>
        node?[property] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    /// <summary>A number property (e.g. a fraction), or null.</summary>
    public static double? Number(JsonObject? node, string property) =>
        node?[property] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    /// <summary>Sets an integer from what was typed; text that is not a whole number is kept as text, for the validator to name.</summary>
    public static void SetInt(JsonObject node, string property, string? typed)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(typed))
        {
            node.Remove(property);
        }
        else if (int.TryParse(typed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            node[property] = number;
        }
        else if (double.TryParse(typed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
        {
            node[property] = fraction;
        }
        else
        {
            node[property] = typed.Trim();
        }
    }

    /// <summary>A boolean property; absent reads as <paramref name="absent"/>.</summary>
    public static bool Bool(JsonObject? node, string property, bool absent = false) =>
        node?[property] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : absent;

    /// <summary>Sets a boolean; the value <paramref name="absent"/> means removes the property (the format's default).</summary>
    public static void SetBool(JsonObject node, string property, bool flag, bool? absent = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (flag == absent)
        {
            node.Remove(property);
        }
        else
        {
            node[property] = flag;
        }
    }

    /// <summary>The strings of an array property (non-strings skipped).</summary>
    public static IReadOnlyList<string> Strings(JsonObject? node, string property) =>
        node?[property] is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];

    /// <summary>Sets an array of strings; an empty one removes the property when <paramref name="keepEmpty"/> is false.</summary>
    public static void SetStrings(JsonObject node, string property, IReadOnlyList<string> values, bool keepEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 && !keepEmpty)
        {
            node.Remove(property);
        }
        else
        {
            node[property] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }
    }

    /// <summary>The name object of a node (created when missing).</summary>
    public static JsonObject NameOf(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node["name"] is not JsonObject name)
        {
            name = new JsonObject();
            node["name"] = name;
        }

        return name;
    }

    /// <summary>The first of prefix + (count + 1), prefix + (count + 2), … that no node has as its id.</summary>
    private static string NextId(IReadOnlyList<JsonObject> nodes, string prefix)
    {
        var ids = nodes.Select(n => Str(n, "id")).ToHashSet();
        var number = nodes.Count + 1;
        while (ids.Contains(prefix + number.ToString(CultureInfo.InvariantCulture)))
        {
            number++;
        }

        return prefix + number.ToString(CultureInfo.InvariantCulture);
    }

    private static JsonObject Name(LocalizedName name)
    {
        var node = new JsonObject();
        SetStr(node, "zh", name.Zh);
        SetStr(node, "en", name.En);
        return node;
    }

    private static JsonArray Array(JsonObject node, string property)
    {
        if (node[property] is not JsonArray array)
        {
            array = [];
            node[property] = array;
        }

        return array;
    }

    private static IReadOnlyList<JsonObject> Objects(JsonObject node, string property) =>
        node[property] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    private string Path(string array, JsonObject node, string? property)
    {
        var index = Root[array] is JsonArray all ? all.IndexOf(node) : -1;
        return property is null ? $"$.{array}[{index}]" : $"$.{array}[{index}].{property}";
    }
}
