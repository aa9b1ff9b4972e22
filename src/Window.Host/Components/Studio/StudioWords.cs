using System.Text.RegularExpressions;
using Window.Host.Components.Ui;
using Window.Workflows.Definitions;

namespace Window.Host.Components.Studio;

/// <summary>
/// The studio's words (through <see cref="Text.L"/>): the format's kinds, case types and outcomes by their stored
/// names, the label of the field a JSON path names, and the validator's messages as sentences an administrator
/// who never saw JSON understands (the validator writes English for files and CI; an unknown message is shown as it is).
/// </summary>
public static partial class StudioWords
{
    /// <summary>The step kinds in the order the form offers them.</summary>
    public static readonly IReadOnlyList<StepKind> Kinds = [StepKind.Review, StepKind.ExpertReview, StepKind.WaitDays, StepKind.WaitUntil, StepKind.Window];

    /// <summary>A step kind by its stored name (<c>review</c>).</summary>
    public static string Kind(string? stored) => stored switch
    {
        "review" => Text.L("部门审核", "Department review"),
        "expertReview" => Text.L("专家评审（不计时）", "Expert review (not counted)"),
        "waitDays" => Text.L("公示 / 等待若干工作日", "Public notice / wait days"),
        "waitUntil" => Text.L("等待至某日期", "Wait until a date"),
        "window" => Text.L("窗口出件", "Window hands over"),
        null => "—",
        _ => stored,
    };

    /// <summary>A case type by its stored name.</summary>
    public static string CaseType(CaseType type) => type switch
    {
        Workflows.Definitions.CaseType.Immediate => Text.L("即办件", "Immediate"),
        Workflows.Definitions.CaseType.Promised => Text.L("承诺件", "Promised"),
        Workflows.Definitions.CaseType.Joint => Text.L("联办件（多部门）", "Joint (several departments)"),
        Workflows.Definitions.CaseType.Escalated => Text.L("上报件", "Escalated"),
        _ => Text.L("退回件", "Returned"),
    };

    /// <summary>An outcome a step allows.</summary>
    public static string Outcome(Outcome outcome) => outcome switch
    {
        Workflows.Definitions.Outcome.Approve => Text.L("通过", "Approve"),
        Workflows.Definitions.Outcome.Reject => Text.L("不予批准", "Reject"),
        _ => Text.L("退回补正", "Return for supplement"),
    };

    /// <summary>Where a JSON path points, in words: 第2步 · 办理时限.</summary>
    public static string Where(string path, Func<int, string> stepName, Func<int, string> materialName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stepName);
        ArgumentNullException.ThrowIfNull(materialName);
        var match = Indexed().Match(path);
        if (match.Success)
        {
            var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var owner = match.Groups["array"].Value switch
            {
                "steps" => stepName(index),
                "materials" => materialName(index),
                _ => Text.L($"第{index + 1}个办件数据字段", $"Case-data field {index + 1}"),
            };
            var rest = match.Groups["rest"].Value.TrimStart('.');
            return rest.Length == 0 ? owner : $"{owner} · {Field(rest)}";
        }

        return path == "$" ? Text.L("整个事项", "The item") : Field(path[2..]);
    }

    /// <summary>A property's label (the first segment of <paramref name="property"/> decides).</summary>
    public static string Field(string property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var head = property.Split('.', '[')[0];
        var label = head switch
        {
            "id" => Text.L("编号", "Id"),
            "name" => property.EndsWith(".en", StringComparison.Ordinal) ? Text.L("英文名称", "English name") : property.EndsWith(".zh", StringComparison.Ordinal) ? Text.L("中文名称", "Chinese name") : Text.L("名称", "Name"),
            "caseType" => Text.L("办件类型", "Case type"),
            "promisedDays" => Text.L("承诺时限", "Promised limit"),
            "statutoryDays" => Text.L("法定时限", "Statutory limit"),
            "warning" => Text.L("预警", "Warning"),
            "materials" => Text.L("材料", "Materials"),
            "steps" => Text.L("环节", "Steps"),
            "kind" => Text.L("环节类型", "Kind"),
            "department" => Text.L("办理部门", "Department"),
            "limitDays" => Text.L("办理时限", "Limit"),
            "dependsOn" => Text.L("前置环节", "Waits for"),
            "condition" => Text.L("条件", "Condition"),
            "outcomes" => Text.L("办理结果", "Outcomes"),
            "waitUntil" => Text.L("等待日期", "Wait until"),
            "waitDays" => Text.L("等待天数", "Days to wait"),
            "counts" => Text.L("计入时限", "Counts"),
            "required" => Text.L("必交", "Required"),
            "deferrable" => Text.L("可容缺", "Deferrable"),
            "visibleTo" => Text.L("可见部门", "Visible to"),
            "fields" => Text.L("办件数据", "Case data"),
            "type" => Text.L("类型", "Type"),
            "source" => Text.L("来源", "Comes from"),
            "extensionDays" => Text.L("可延期天数", "Extension allowance"),
            "supplementDays" => Text.L("补正期限", "Supplement period"),
            "rectificationDays" => Text.L("整改期限", "Rectification period"),
            "refusalReasons" => Text.L("不予受理理由", "Refusal reasons"),
            _ => head,
        };
        return label;
    }

    /// <summary>The validator's message as a sentence in the page's language; one it does not know stays as written.</summary>
    public static string Problem(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Text.English)
        {
            return message;
        }

        var m = LimitOverPromised().Match(message);
        if (m.Success)
        {
            return $"环节时限（{m.Groups[1].Value} 个工作日）超过了事项的承诺时限（{m.Groups[2].Value} 个工作日）";
        }

        m = CriticalPath().Match(message);
        if (m.Success)
        {
            return $"按最长的一条办理路线需要 {m.Groups[1].Value} 个工作日，超过了承诺时限（{m.Groups[2].Value} 个工作日）：请缩短环节时限、改为并行，或延长承诺时限";
        }

        m = PromisedOverStatutory().Match(message);
        if (m.Success)
        {
            return $"承诺时限（{m.Groups[1].Value}）不能超过法定时限（{m.Groups[2].Value}）";
        }

        m = UnknownThing().Match(message);
        if (m.Success)
        {
            return m.Groups[1].Value switch
            {
                "department" => $"部门“{m.Groups[2].Value}”不存在",
                "step" => $"环节“{m.Groups[2].Value}”不存在",
                _ => $"材料“{m.Groups[2].Value}”不在本事项的材料清单中",
            };
        }

        m = Unreachable().Match(message);
        if (m.Success)
        {
            return $"环节“{m.Groups[1].Value}”永远无法开始：前置环节“{m.Groups[2].Value}”没有“通过”结果";
        }

        m = Undeclared().Match(message);
        if (m.Success)
        {
            return $"条件用到了“{m.Groups[1].Value}”，但本事项没有在“办件数据”中声明它";
        }

        m = NotSet().Match(message);
        if (m.Success)
        {
            return $"没有哪个环节的办理结果会设置“{m.Groups[1].Value}”：请把来源改为“窗口受理时填写”";
        }

        m = Duplicate().Match(message);
        if (m.Success)
        {
            return $"编号“{m.Groups[2].Value}”重复";
        }

        m = AtLeast().Match(message);
        if (m.Success)
        {
            return $"请填写不小于 {m.Groups[1].Value} 的整数";
        }

        return message switch
        {
            "required property is missing" => "必填",
            "an item needs at least one step" => "事项至少需要一个环节",
            "a human step needs at least one outcome" => "至少选择一种办理结果",
            "only a required material can be deferred" => "只有必交材料才能设为可容缺",
            "set exactly one of 'daysLeft' or 'fractionUsed'" => "预警：剩余天数与用时比例二选一",
            "expected a fraction greater than 0 and at most 1" => "请填写 0 到 1 之间的比例（如 0.8）",
            _ when message.StartsWith("dependency cycle", StringComparison.Ordinal) => "环节之间形成了循环（互相等待）",
            _ when message.StartsWith("invalid condition", StringComparison.Ordinal) => "条件写法有误：" + message["invalid condition: ".Length..],
            _ when message.Contains("is not a lower-case kebab-case id", StringComparison.Ordinal) => "编号只能用小写英文字母、数字和“-”，如 talent-card",
            _ when message.StartsWith("expected ", StringComparison.Ordinal) => "格式不对：" + message,
            _ => message,
        };
    }

    [GeneratedRegex(@"^\$\.(?<array>steps|materials|fields)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex Indexed();

    [GeneratedRegex(@"^the step's limit \((\d+)\) exceeds the item's promised limit \((\d+)\)")]
    private static partial Regex LimitOverPromised();

    [GeneratedRegex(@"^the critical path of counting steps needs (\d+) working days, more than the promised limit \((\d+)\)")]
    private static partial Regex CriticalPath();

    [GeneratedRegex(@"^the promised limit \((\d+)\) exceeds the statutory limit \((\d+)\)")]
    private static partial Regex PromisedOverStatutory();

    [GeneratedRegex(@"^unknown (department|step|material) '([^']*)'")]
    private static partial Regex UnknownThing();

    [GeneratedRegex(@"^step '([^']*)' is unreachable: step '([^']*)' has no 'approve' outcome")]
    private static partial Regex Unreachable();

    [GeneratedRegex(@"^the condition reads '([^']*)', which the item does not declare in 'fields'")]
    private static partial Regex Undeclared();

    [GeneratedRegex(@"^no step's outcome sets '([^']*)'")]
    private static partial Regex NotSet();

    [GeneratedRegex(@"^duplicate (step id|material id|refusal reason id|department id|field) '([^']*)'")]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"^expected an integer of at least (\d+)")]
    private static partial Regex AtLeast();
}
