using System.Globalization;
using Window.Contracts;

namespace Window.Host.Privacy;

/// <summary>
/// Resident identity numbers, phones and names as the host shows them: masked. What a valid number is, is defined once
/// in <see cref="TalentRules"/>.
/// </summary>
public static class IdNumbers
{
    /// <summary>Upper-case, trimmed (<see cref="TalentRules.NormalizeIdNumber"/>): the form that is hashed and sealed.</summary>
    public static string Normalize(string idNumber) => TalentRules.NormalizeIdNumber(idNumber);

    /// <summary>The check character for 17 leading digits (<see cref="TalentRules.CheckCharacter"/>; tests and demo data build valid numbers with it).</summary>
    public static char CheckCharacter(string first17) => TalentRules.CheckCharacter(first17);

    /// <summary>First 3 and last 4 characters, the rest starred: <c>330***********123X</c>.</summary>
    public static string Mask(string value) =>
        value.Length <= 7 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));

    /// <summary>
    /// The first character as a reader sees it and a star for each further one: <c>张**</c>. Counted in grapheme
    /// clusters, so an emoji or a combined character is kept whole or starred whole, never cut into a broken half.
    /// </summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var first = StringInfo.GetNextTextElementLength(name);
        var clusters = new StringInfo(name).LengthInTextElements;
        return clusters <= 1 ? "*" : string.Concat(name.AsSpan(0, first), new string('*', clusters - 1));
    }
}
