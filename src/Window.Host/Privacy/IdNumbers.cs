using System.Globalization;

namespace Window.Host.Privacy;

/// <summary>Resident identity numbers (GB 11643-1999) and phone numbers: validation and masking.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCodes = "10X98765432";

    /// <summary>Upper-case, trimmed.</summary>
    public static string Normalize(string idNumber) => idNumber.Trim().ToUpperInvariant();

    /// <summary>
    /// The province-level codes (GB/T 2260) an address code starts with: mainland provinces, Taiwan (71), Hong Kong (81)
    /// and Macao (82). A number starting with anything else was never issued.
    /// </summary>
    private static readonly HashSet<int> Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>
    /// 18 characters, a province code that exists, a real birth date from 1900 up to <paramref name="today"/> and the
    /// ISO 7064 MOD 11-2 check character.
    /// </summary>
    public static bool IsValid(string? idNumber, DateOnly today)
    {
        if (idNumber is null)
        {
            return false;
        }

        var id = Normalize(idNumber);
        if (id.Length != 18 || !id.AsSpan(0, 17).ContainsOnlyDigits())
        {
            return false;
        }

        if (!Provinces.Contains(((id[0] - '0') * 10) + (id[1] - '0')))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return id[17] == CheckCodes[sum % 11];
    }

    /// <summary>The check character for 17 leading digits (tests and demo data build valid numbers with it).</summary>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCodes[sum % 11];
    }

    /// <summary>A mainland mobile number: 11 digits starting with 1.</summary>
    public static bool IsValidPhone(string? phone) =>
        phone is { Length: 11 } && phone[0] == '1' && phone.AsSpan().ContainsOnlyDigits();

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

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
