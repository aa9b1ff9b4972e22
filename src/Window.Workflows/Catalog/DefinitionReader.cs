using System.Text.Json;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>Reads item and bundle definitions, reporting every problem it can find in one pass.</summary>
internal sealed class DefinitionReader(JsonFile file, IReadOnlySet<string> departments)
{
    private static readonly Dictionary<StepKind, Outcome[]> AllowedOutcomes = new()
    {
        [StepKind.Review] = [Outcome.Approve, Outcome.Reject, Outcome.Return],
        [StepKind.ExpertReview] = [Outcome.Approve, Outcome.Reject],
        [StepKind.Window] = [Outcome.Approve],
        [StepKind.WaitUntil] = [],
        [StepKind.WaitDays] = [],
    };

    public WorkflowDefinition? ReadItem()
    {
        var root = file.Root;
        file.OnlyProperties(root, "$", "kind", "id", "version", "name", "caseType", "promisedDays", "statutoryDays", "warning", "materials", "steps",
            "extensionDays", "supplementDays", "actsNeedApproval", "refusalReasons", "rectificationDays", "fields");
        var id = file.String(root, "$", "id");
        var version = file.Int(root, "$", "version", 1);
        var name = file.LocalizedName(root, "$");
        var caseType = file.Enum<CaseType>(root, "$", "caseType");
        var promised = file.Int(root, "$", "promisedDays", 0);
        var statutory = file.Int(root, "$", "statutoryDays", 0);
        var warning = ReadWarning();
        if (promised > statutory)
        {
            file.Report("$.promisedDays", $"the promised limit ({promised}) exceeds the statutory limit ({statutory})");
        }

        var acts = ReadActRules(root, statutory);
        var materials = ReadMaterials();
        var refusalReasons = ReadRefusalReasons();
        var rectificationDays = root.TryGetProperty("rectificationDays", out _) ? file.Int(root, "$", "rectificationDays", 1) : WorkflowDefinition.DefaultRectificationDays;
        var steps = ReadSteps(materials.Select(m => m.Id).ToHashSet(), promised);
        var fields = ReadFields();
        if (steps is not null)
        {
            CheckFields(fields, steps);
        }
        if (id is null || version is null || name is null || caseType is null || promised is null || statutory is null
            || warning is null || steps is null)
        {
            return null;
        }

        var ids = steps.Select(s => s.Id).ToHashSet();
        if (ids.Count == steps.Count && steps.All(s => s.DependsOn.All(ids.Contains)))
        {
            CheckGraph(steps, promised.Value);
        }

        return new WorkflowDefinition(id, version.Value, name, caseType.Value, promised.Value, statutory.Value, warning, materials, steps, acts)
        {
            RefusalReasons = refusalReasons,
            RectificationDays = rectificationDays ?? WorkflowDefinition.DefaultRectificationDays,
            Fields = fields,
        };
    }

    public BundleDefinition? ReadBundle()
    {
        var root = file.Root;
        file.OnlyProperties(root, "$", "kind", "id", "version", "name", "caseType", "statutoryDays", "warning", "items");
        var id = file.String(root, "$", "id");
        var version = file.Int(root, "$", "version", 1);
        var name = file.LocalizedName(root, "$");
        var caseType = file.Enum<CaseType>(root, "$", "caseType");
        var statutory = file.Int(root, "$", "statutoryDays", 0);
        var warning = ReadWarning();
        var items = file.Strings(root, "$", "items");
        if (items.Count == 0 && root.TryGetProperty("items", out _))
        {
            file.Report("$.items", "a bundle needs at least one item");
        }

        foreach (var duplicate in items.GroupBy(i => i.Value).Where(g => g.Count() > 1))
        {
            file.Report(duplicate.Last().Path, $"item '{duplicate.Key}' is listed twice");
        }

        return id is null || version is null || name is null || caseType is null || statutory is null || warning is null
            ? null
            : new BundleDefinition(id, version.Value, name, caseType.Value, statutory.Value, warning, [.. items.Select(i => i.Value)]);
    }

    /// <summary>The optional act rules; absent fields take <see cref="ActRules.Default"/>'s values, and none at all gives null.</summary>
    private ActRules? ReadActRules(JsonElement root, int? statutory)
    {
        var extension = file.Int(root, "$", "extensionDays", 0, required: false);
        var supplement = file.Int(root, "$", "supplementDays", 1, required: false);
        var approval = file.Bool(root, "$", "actsNeedApproval", required: false);
        if (supplement > statutory)
        {
            file.Report("$.supplementDays", $"the supplement period ({supplement}) exceeds the statutory limit ({statutory})");
        }

        return extension is null && supplement is null && approval is null
            ? null
            : new ActRules(extension ?? ActRules.Default.ExtensionDays, supplement ?? ActRules.Default.SupplementDays, approval ?? ActRules.Default.ActsNeedApproval);
    }

    private WarningThreshold? ReadWarning()
    {
        if (file.Object(file.Root, "$", "warning", required: false) is not { } warning)
        {
            return file.Root.TryGetProperty("warning", out _) ? null : WarningThreshold.Default;
        }

        file.OnlyProperties(warning, "$.warning", "daysLeft", "fractionUsed");
        var daysLeft = file.Int(warning, "$.warning", "daysLeft", 0, required: false);
        var fraction = file.Fraction(warning, "$.warning", "fractionUsed");
        if ((daysLeft is null) == (fraction is null))
        {
            file.Report("$.warning", "set exactly one of 'daysLeft' or 'fractionUsed'");
            return null;
        }

        return new WarningThreshold(daysLeft, fraction);
    }

    /// <summary>The optional <c>refusalReasons</c>: objects with a unique id and a name in both languages.</summary>
    private List<RefusalReason> ReadRefusalReasons()
    {
        var reasons = new List<RefusalReason>();
        if (file.Array(file.Root, "$", "refusalReasons", required: false) is not { } array)
        {
            return reasons;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.refusalReasons[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                file.Report(path, "expected an object");
                continue;
            }

            file.OnlyProperties(element, path, "id", "name");
            var id = file.String(element, path, "id");
            var name = file.LocalizedName(element, path);
            if (id is not null && reasons.Any(r => r.Id == id))
            {
                file.Report($"{path}.id", $"duplicate refusal reason id '{id}'");
                continue;
            }

            if (id is not null && name is not null)
            {
                reasons.Add(new RefusalReason(id, name));
            }
        }

        return reasons;
    }

    /// <summary>The optional <c>fields</c>: the case data the item's conditions read, each with a type, a label and a source.</summary>
    private List<CaseField> ReadFields()
    {
        var fields = new List<CaseField>();
        if (file.Array(file.Root, "$", "fields", required: false) is not { } array)
        {
            return fields;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.fields[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                file.Report(path, "expected an object");
                continue;
            }

            file.OnlyProperties(element, path, "id", "type", "name", "source");
            var id = file.String(element, path, "id");
            var type = file.Enum<CaseFieldType>(element, path, "type");
            var name = file.LocalizedName(element, path);
            var source = file.Enum<CaseFieldSource>(element, path, "source");
            if (id is not null && !CaseFieldNames.IsValid(id))
            {
                file.Report($"{path}.id", $"'{id}' is not a field name (a letter, then letters, digits or '_')");
            }
            else if (id is not null && fields.Any(f => f.Id == id))
            {
                file.Report($"{path}.id", $"duplicate field '{id}'");
            }
            else if (id is not null && type is not null && name is not null && source is not null)
            {
                fields.Add(new CaseField(id, type.Value, name, source.Value));
            }
        }

        return fields;
    }

    /// <summary>Every field a condition reads must be declared; a field declared as set by an outcome must be set by one.</summary>
    private void CheckFields(List<CaseField> fields, List<StepDefinition> steps)
    {
        var declared = fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < steps.Count; index++)
        {
            foreach (var field in CaseFieldNames.ReadBy(steps[index].Condition).Where(f => !declared.Contains(f)))
            {
                file.Report($"$.steps[{index}].condition", $"the condition reads '{field}', which the item does not declare in 'fields'");
            }
        }

        var set = steps.SelectMany(s => s.Outcomes).SelectMany(o => o.Sets.Keys).ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < fields.Count; index++)
        {
            if (fields[index].Source == CaseFieldSource.Outcome && !set.Contains(fields[index].Id))
            {
                file.Report($"$.fields[{index}].source", $"no step's outcome sets '{fields[index].Id}'");
            }
        }
    }

    private List<MaterialDefinition> ReadMaterials()
    {
        var materials = new List<MaterialDefinition>();
        if (file.Array(file.Root, "$", "materials") is not { } array)
        {
            return materials;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.materials[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                file.Report(path, "expected an object");
                continue;
            }

            file.OnlyProperties(element, path, "id", "name", "required", "deferrable", "visibleTo");
            var id = file.String(element, path, "id");
            var name = file.LocalizedName(element, path);
            var required = file.Bool(element, path, "required");
            var deferrable = file.Bool(element, path, "deferrable", required: false) ?? false;
            var visibleTo = file.Strings(element, path, "visibleTo");
            foreach (var (department, departmentPath) in visibleTo.Where(d => !departments.Contains(d.Value)))
            {
                file.Report(departmentPath, $"unknown department '{department}'");
            }

            if (id is not null && materials.Any(m => m.Id == id))
            {
                file.Report($"{path}.id", $"duplicate material id '{id}'");
                continue;
            }

            if (deferrable && required == false)
            {
                file.Report($"{path}.deferrable", "only a required material can be deferred");
            }

            if (id is not null && name is not null && required is not null)
            {
                materials.Add(new MaterialDefinition(id, name, required.Value, deferrable, [.. visibleTo.Select(v => v.Value)]));
            }
        }

        return materials;
    }

    private List<StepDefinition>? ReadSteps(HashSet<string> materialIds, int? promised)
    {
        if (file.Array(file.Root, "$", "steps") is not { } array)
        {
            return null;
        }

        if (array.GetArrayLength() == 0)
        {
            file.Report("$.steps", "an item needs at least one step");
            return null;
        }

        var stepIds = array.EnumerateArray()
            .Select(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
            .ToList();
        var steps = new List<StepDefinition>();
        var complete = true;
        for (var index = 0; index < stepIds.Count; index++)
        {
            var path = $"$.steps[{index}]";
            var element = array[index];
            if (element.ValueKind != JsonValueKind.Object)
            {
                file.Report(path, "expected an object");
                complete = false;
                continue;
            }

            if (stepIds[index] is { } id && stepIds.IndexOf(id) < index)
            {
                file.Report($"{path}.id", $"duplicate step id '{id}'");
            }

            var step = ReadStep(element, path, stepIds, materialIds, promised);
            complete &= step is not null;
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return complete ? steps : null;
    }

    private StepDefinition? ReadStep(JsonElement element, string path, List<string?> stepIds, HashSet<string> materialIds, int? promised)
    {
        file.OnlyProperties(element, path, "id", "kind", "department", "name", "limitDays", "dependsOn", "condition", "outcomes", "materials", "waitUntil", "waitDays", "counts");
        var id = file.String(element, path, "id");
        var kind = file.Enum<StepKind>(element, path, "kind");
        var name = file.LocalizedName(element, path);
        var isHuman = kind is StepKind.Review or StepKind.ExpertReview or StepKind.Window;
        var department = file.String(element, path, "department", required: isHuman);
        if (department is not null && !departments.Contains(department))
        {
            file.Report($"{path}.department", $"unknown department '{department}'");
        }

        var limit = file.Int(element, path, "limitDays", 0, required: isHuman);
        if (limit > promised && kind != StepKind.ExpertReview)
        {
            file.Report($"{path}.limitDays", $"the step's limit ({limit}) exceeds the item's promised limit ({promised})");
        }

        var dependsOn = file.Strings(element, path, "dependsOn", required: false);
        foreach (var (dependency, dependencyPath) in dependsOn)
        {
            if (!stepIds.Contains(dependency))
            {
                file.Report(dependencyPath, $"unknown step '{dependency}'");
            }
        }

        Condition? condition = null;
        if (file.String(element, path, "condition", required: false) is { } text)
        {
            condition = Condition.TryParse(text, out var error);
            if (condition is null)
            {
                file.Report($"{path}.condition", $"invalid condition: {error}");
            }
        }

        var outcomes = kind is null ? [] : ReadOutcomes(element, path, kind.Value);
        var materials = file.Strings(element, path, "materials", required: false);
        foreach (var (material, materialPath) in materials.Where(m => !materialIds.Contains(m.Value)))
        {
            file.Report(materialPath, $"unknown material '{material}' (not in this item's checklist)");
        }

        var waitUntil = ReadWaitDate(element, path, required: kind == StepKind.WaitUntil);
        var waitDays = file.Int(element, path, "waitDays", 1, required: kind == StepKind.WaitDays);
        var counts = file.Bool(element, path, "counts", required: false);
        if (waitUntil is not null && kind != StepKind.WaitUntil)
        {
            file.Report($"{path}.waitUntil", "only a waitUntil step has a date to wait for");
        }

        if (waitDays is not null && kind != StepKind.WaitDays)
        {
            file.Report($"{path}.waitDays", "only a waitDays step has days to wait");
        }

        if (counts is not null && kind != StepKind.WaitDays)
        {
            file.Report($"{path}.counts", "only a waitDays step chooses whether it counts; reviews count, expert reviews and date waits never do");
        }

        var counting = kind switch
        {
            StepKind.Review or StepKind.Window => true,
            StepKind.WaitDays => counts ?? true,
            _ => false,
        };
        if (id is null || kind is null || name is null || (isHuman && (department is null || limit is null)) || outcomes is null
            || (element.TryGetProperty("condition", out _) && condition is null))
        {
            return null;
        }

        return new StepDefinition(id, kind.Value, department, name, limit, [.. dependsOn.Select(d => d.Value)], condition, outcomes,
            [.. materials.Select(m => m.Value)], waitUntil, waitDays, counting)
        {
            ConditionText = condition is null ? null : file.String(element, path, "condition", required: false),
        };
    }

    /// <summary><c>waitUntil</c>: a "yyyy-MM-dd" day, or <c>{ "month": 8, "day": 20 }</c> every year.</summary>
    private WaitDate? ReadWaitDate(JsonElement element, string path, bool required)
    {
        if (!element.TryGetProperty("waitUntil", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return file.Date(element, path, "waitUntil", required) is { } fixedDay ? WaitDate.On(fixedDay) : null;
        }

        var at = $"{path}.waitUntil";
        file.OnlyProperties(value, at, "month", "day");
        if (file.Int(value, at, "month", 1) is not { } month || file.Int(value, at, "day", 1) is not { } day)
        {
            return null;
        }

        if (WaitDate.Annually(month, day) is { } annual)
        {
            return annual;
        }

        file.Report(at, month is < 1 or > 12
            ? $"month {month} does not exist (1–12)"
            : $"{month}-{day} does not occur every year (a month has at most {DateTime.DaysInMonth(2025, month)} days; February 29 is not allowed)");
        return null;
    }

    private List<OutcomeDefinition>? ReadOutcomes(JsonElement element, string path, StepKind kind)
    {
        var allowed = AllowedOutcomes[kind];
        var isHuman = allowed.Length > 0;
        var outcomes = new List<OutcomeDefinition>();
        if (file.Array(element, path, "outcomes", required: isHuman) is not { } array)
        {
            return isHuman ? null : outcomes;
        }

        var index = 0;
        foreach (var outcome in array.EnumerateArray())
        {
            var outcomePath = $"{path}.outcomes[{index++}]";
            if (outcome.ValueKind != JsonValueKind.Object)
            {
                file.Report(outcomePath, "expected an object");
                continue;
            }

            file.OnlyProperties(outcome, outcomePath, "outcome", "set");
            if (file.Enum<Outcome>(outcome, outcomePath, "outcome") is not { } value)
            {
                continue;
            }

            if (!allowed.Contains(value))
            {
                var camel = JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
                file.Report($"{outcomePath}.outcome", $"outcome '{camel}' is not allowed for a {JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())} step");
                continue;
            }

            if (outcomes.Any(o => o.Kind == value))
            {
                file.Report($"{outcomePath}.outcome", "outcome listed twice");
                continue;
            }

            var sets = new SortedDictionary<string, CaseValue>(StringComparer.Ordinal);
            if (file.Object(outcome, outcomePath, "set", required: false) is { } set)
            {
                foreach (var property in set.EnumerateObject())
                {
                    if (CaseValue.FromJson(property.Value) is { } caseValue)
                    {
                        sets[property.Name] = caseValue;
                    }
                    else
                    {
                        file.Report($"{outcomePath}.set.{property.Name}", "a case value must be a string, number, boolean or null");
                    }
                }
            }

            outcomes.Add(new OutcomeDefinition(value, sets));
        }

        if (isHuman && outcomes.Count == 0 && array.GetArrayLength() == 0)
        {
            file.Report($"{path}.outcomes", "a human step needs at least one outcome");
        }

        return outcomes;
    }

    private void CheckGraph(List<StepDefinition> steps, int promised)
    {
        var byId = steps.ToDictionary(s => s.Id);
        bool ReachesItself(string id)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(byId[id].DependsOn.Where(byId.ContainsKey));
            while (pending.TryPop(out var next))
            {
                if (next == id)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    foreach (var dependency in byId[next].DependsOn.Where(byId.ContainsKey))
                    {
                        pending.Push(dependency);
                    }
                }
            }

            return false;
        }

        var onCycle = steps.Where(s => ReachesItself(s.Id)).Select(s => s.Id).ToHashSet();
        if (onCycle.Count > 0)
        {
            var first = steps.First(s => onCycle.Contains(s.Id));
            file.Report(StepPath(steps, first, "dependsOn"), $"dependency cycle through steps {string.Join(", ", steps.Where(s => onCycle.Contains(s.Id)).Select(s => $"'{s.Id}'"))}");
            return;
        }

        var reachable = new Dictionary<string, bool>();
        var criticalPath = new Dictionary<string, int>();
        foreach (var step in TopologicalOrder(steps, byId))
        {
            var blocked = step.DependsOn.FirstOrDefault(d => !reachable[d] || (byId[d].IsHuman && byId[d].FindOutcome(Outcome.Approve) is null));
            reachable[step.Id] = blocked is null;
            if (blocked is not null && reachable[blocked])
            {
                file.Report(StepPath(steps, step, "dependsOn"), $"step '{step.Id}' is unreachable: step '{blocked}' has no 'approve' outcome");
            }

            var own = step.Counts ? step.LimitDays ?? step.WaitDays ?? 0 : 0;
            criticalPath[step.Id] = own + step.DependsOn.Select(d => criticalPath[d]).DefaultIfEmpty(0).Max();
        }

        var longest = criticalPath.Values.Max();
        if (longest > promised)
        {
            file.Report("$.promisedDays", $"the critical path of counting steps needs {longest} working days, more than the promised limit ({promised})");
        }
    }

    private static List<StepDefinition> TopologicalOrder(List<StepDefinition> steps, Dictionary<string, StepDefinition> byId)
    {
        var ordered = new List<StepDefinition>();
        var done = new HashSet<string>();

        void Add(StepDefinition step)
        {
            if (done.Add(step.Id))
            {
                foreach (var dependency in step.DependsOn)
                {
                    Add(byId[dependency]);
                }

                ordered.Add(step);
            }
        }

        steps.ForEach(Add);
        return ordered;
    }

    private static string StepPath(List<StepDefinition> steps, StepDefinition step, string property) =>
        $"$.steps[{steps.IndexOf(step)}].{property}";
}
