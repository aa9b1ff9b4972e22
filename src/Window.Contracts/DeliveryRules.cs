namespace Window.Contracts;

/// <summary>
/// The input rule of a delivery (出件), for the API and the desk's dialog alike: the method (at the window, post, online)
/// and, at the window, who collected it; a proxy (代领人) gives a name and a valid resident ID number.
/// </summary>
public static class DeliveryRules
{
    /// <summary>Handed over at the window (stored as <c>in-person</c>, the name the first deliveries were stored with).</summary>
    public const string InPerson = "in-person";

    /// <summary>By post.</summary>
    public const string Post = "post";

    /// <summary>Online (网上送达).</summary>
    public const string Online = "online";

    /// <summary>The stored method for a requested one: <c>window</c> is in person; none is post (the first default).</summary>
    public static string Method(string? method) => method switch
    {
        null => Post,
        "window" => InPerson,
        _ => method,
    };

    /// <summary>The first broken rule, naming its field; <see langword="null"/> when the delivery may be sent to the case.</summary>
    public static RuleProblem? Check(string? method, string? collector, string? proxyName, string? proxyIdNumber, DateOnly today)
    {
        var stored = Method(method);
        if (stored is not (InPerson or Post or Online))
        {
            return new RuleProblem("method", "invalid_method", "method must be window, post or online.");
        }

        if (stored != InPerson)
        {
            return collector is null ? null : new RuleProblem("collector", "invalid_request", "Who collected the result is recorded only at the window.");
        }

        if (collector is not (null or Collectors.Talent or Collectors.Proxy))
        {
            return new RuleProblem("collector", "invalid_collector", "collector must be talent or proxy.");
        }

        if (collector != Collectors.Proxy)
        {
            return null;
        }

        if (TextRules.Check(proxyName, TextRules.Name, "proxy.name", required: true) is { } name)
        {
            return new RuleProblem("proxy.name", name.Code, name.Message);
        }

        return TalentRules.IdNumber(proxyIdNumber, today) is { } id
            ? id with { Field = "proxy.idNumber", Message = id.Message.Replace(TalentRules.IdNumberField, "proxy.idNumber", StringComparison.Ordinal) }
            : null;
    }
}
