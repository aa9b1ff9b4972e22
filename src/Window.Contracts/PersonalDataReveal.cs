namespace Window.Contracts;

/// <summary>
/// The audited reveal of a talent's masked value (PIPL): which fields can be shown in clear, the rule on a request to see
/// one (a field and why), and how the journal entry holds both. The API, the case page and the decider use this one
/// definition.
/// </summary>
public static class PersonalDataReveal
{
    /// <summary>The talent's name.</summary>
    public const string Name = "name";

    /// <summary>The resident ID number.</summary>
    public const string IdNumber = "idNumber";

    /// <summary>The mobile phone number.</summary>
    public const string Phone = "phone";

    /// <summary>Every field that can be revealed, in the order pages show them.</summary>
    public static IReadOnlyList<string> Fields { get; } = [Name, IdNumber, Phone];

    /// <summary>
    /// A request to reveal <paramref name="field"/>: a known field and a reason, which the journal keeps beside who and
    /// when (a reveal that does not say why cannot be audited).
    /// </summary>
    public static RuleProblem? Check(string? field, string? reason)
    {
        if (field is null || !Fields.Contains(field, StringComparer.Ordinal))
        {
            return new RuleProblem("field", "invalid_request", "field must be name, idNumber or phone.");
        }

        return CaseRules.Reason(reason);
    }

    /// <summary>The journal entry's detail: the field, then the reason after a colon (field names have none).</summary>
    public static string Detail(string field, string? reason) => string.IsNullOrEmpty(reason) ? field : $"{field}:{reason}";

    /// <summary>The field and reason of a journal entry's detail; entries written before reasons were asked hold only the field.</summary>
    public static (string Field, string? Reason) Parse(string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return ("", null);
        }

        var colon = detail.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (detail, null) : (detail[..colon], detail[(colon + 1)..]);
    }
}
