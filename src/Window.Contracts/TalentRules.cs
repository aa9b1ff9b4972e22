using System.Globalization;

namespace Window.Contracts;

/// <summary>
/// The one definition of what the window accepts as a talent (issue 18): name, resident identity number (GB 11643-1999),
/// mobile phone and tier. The API refuses an opening with the first problem, the desk's form shows every problem under its
/// field at once; both ask here, so the form cannot pass what the API refuses nor refuse what it accepts.
/// </summary>
public static class TalentRules
{
    /// <summary>The field names, as the API's problems and the form's messages name them.</summary>
    public const string NameField = "talent.name";

    /// <inheritdoc cref="NameField"/>
    public const string IdNumberField = "talent.idNumber";

    /// <inheritdoc cref="NameField"/>
    public const string PhoneField = "talent.phone";

    /// <inheritdoc cref="NameField"/>
    public const string TierField = "talent.tier";

    /// <summary>A resident identity number has 18 characters (HTML <c>maxlength</c> of the form's field).</summary>
    public const int IdNumberLength = 18;

    /// <summary>A mainland mobile number has 11 digits.</summary>
    public const int PhoneLength = 11;

    /// <summary>The tiers a city classifies talents in (A 顶尖 … E 高级人才).</summary>
    public static readonly IReadOnlyList<string> Tiers = ["A", "B", "C", "D", "E"];

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCodes = "10X98765432";

    /// <summary>
    /// The province-level codes of GB/T 2260 that resident identity numbers are issued under (the first two digits of the
    /// address code). Not a table of prefectures and counties: a number keeps the code of the county that issued it,
    /// and codes of abolished or renamed counties stay on valid cards for life, so a table of today's codes would refuse
    /// real people. Taiwan's 71 is in GB/T 2260 but no resident identity number carries it.
    /// </summary>
    private static readonly HashSet<int> Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];

    /// <summary>
    /// The address codes of residence permits for residents of Hong Kong (810000), Macao (820000) and Taiwan (830000)
    /// (港澳台居民居住证, 2018): 18-character numbers of the same form, which a talent from there presents at the window.
    /// </summary>
    private static readonly HashSet<string> ResidencePermits = ["810000", "820000", "830000"];

    /// <summary>Every problem of the talent's fields, in the form's order (name, ID number, phone, tier); empty when all are acceptable.</summary>
    public static IReadOnlyList<RuleProblem> Check(string? name, string? idNumber, string? phone, string? tier, DateOnly today)
    {
        var problems = new List<RuleProblem>(4);
        if (TextRules.Check(name, TextRules.Name, NameField, required: true) is { } text)
        {
            problems.Add(new RuleProblem(NameField, text.Code, text.Message));
        }

        problems.AddRange(new[] { IdNumber(idNumber, today), Phone(phone), Tier(tier) }.OfType<RuleProblem>());
        return problems;
    }

    /// <summary>
    /// A resident identity number: 18 characters, 17 digits and a check character; a province (or residence-permit) code
    /// that exists; a real birth date from 1900 up to <paramref name="today"/> (the office's date); the ISO 7064 MOD 11-2
    /// check character. The problem's code says which part is wrong; its message never repeats the number.
    /// </summary>
    public static RuleProblem? IdNumber(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleProblem(IdNumberField, "text_required", $"{IdNumberField} is required.");
        }

        var id = NormalizeIdNumber(value);
        if (id.Length != IdNumberLength || !IsDigits(id.AsSpan(0, 17)) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return new RuleProblem(IdNumberField, "id_number_format", $"{IdNumberField} has 18 characters: 17 digits and a digit or X.");
        }

        var region = id[..6];
        if (!Provinces.Contains(((id[0] - '0') * 10) + (id[1] - '0')) && !ResidencePermits.Contains(region))
        {
            return new RuleProblem(IdNumberField, "id_number_region", $"{IdNumberField} does not start with a known region code (GB/T 2260 province, or 810000/820000/830000).");
        }

        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return new RuleProblem(IdNumberField, "id_number_birth_date", $"{IdNumberField} does not hold a real birth date from 1900 up to today.");
        }

        return id[17] == CheckCharacter(id[..17])
            ? null
            : new RuleProblem(IdNumberField, "id_number_check", $"{IdNumberField} has a wrong check character (the last one): a digit was mistyped.");
    }

    /// <summary>A mainland mobile number: 11 digits starting with 1 (spaces around are ignored).</summary>
    public static RuleProblem? Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleProblem(PhoneField, "text_required", $"{PhoneField} is required.");
        }

        var phone = value.Trim();
        return phone.Length == PhoneLength && phone[0] == '1' && IsDigits(phone)
            ? null
            : new RuleProblem(PhoneField, "invalid_request", "The phone number must be 11 digits starting with 1.");
    }

    /// <summary>One of <see cref="Tiers"/>, in either case.</summary>
    public static RuleProblem? Tier(string? value) =>
        value is not null && Tiers.Contains(NormalizeTier(value))
            ? null
            : new RuleProblem(TierField, "invalid_request", "The talent tier must be one of A, B, C, D, E.");

    /// <summary>Upper-case, trimmed: the form the number is hashed, sealed and compared in.</summary>
    public static string NormalizeIdNumber(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return idNumber.Trim().ToUpperInvariant();
    }

    /// <summary>Upper-case, trimmed.</summary>
    public static string NormalizeTier(string tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Trim().ToUpperInvariant();
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of 17 leading digits (tests and demo data build valid numbers with it).</summary>
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

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
