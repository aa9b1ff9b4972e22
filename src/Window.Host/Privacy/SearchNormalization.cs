using System.Text;

namespace Window.Host.Privacy;

/// <summary>
/// How a talent's name, ID number and phone are written before they are hashed for search (issue 18), so that the
/// ways a clerk may type one value give one hash: the value stored at opening and the value searched go through the
/// same function. Exact match only: a hash says nothing about similar values.
/// </summary>
public static class SearchNormalization
{
    /// <summary>
    /// A name: Unicode NFKC (full-width letters and the ideographic space become their plain forms), every whitespace
    /// removed (「张 三」, 「张　三」 and 「张三」 are one name; "Zhang San" and "ZhangSan" too), letters upper-cased
    /// ("zhang san" is "ZHANGSAN"); Chinese characters are unchanged by it.
    /// </summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = name.Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString().ToUpperInvariant();
    }

    /// <summary>An ID number: trimmed, the check character X upper-cased (as it is stored, <see cref="IdNumbers.Normalize"/>).</summary>
    public static string IdNumber(string idNumber) => IdNumbers.Normalize(idNumber);

    /// <summary>
    /// A phone: its digits only (spaces, dashes, brackets and the plus sign dropped), and a mainland country code (86 or
    /// 0086 before an 11-digit mobile number) dropped: "+86 138-1234-5678" is "13812345678".
    /// </summary>
    public static string Phone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits switch
        {
            { Length: 13 } when digits.StartsWith("86", StringComparison.Ordinal) => digits[2..],
            { Length: 15 } when digits.StartsWith("0086", StringComparison.Ordinal) => digits[4..],
            _ => digits,
        };
    }
}
