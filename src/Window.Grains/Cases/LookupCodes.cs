using System.Security.Cryptography;
using System.Text;

namespace Window.Grains.Cases;

/// <summary>The code on a receipt that lets a talent look up their case: random, unambiguous letters, compared in constant time.</summary>
public static class LookupCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>A new eight-character code.</summary>
    public static string New() => string.Create(8, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    /// <summary>Whether <paramref name="given"/> (as typed: any case, spaces around) is <paramref name="expected"/>.</summary>
    public static bool Matches(string expected, string given)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(given);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.Trim().ToUpperInvariant()));
    }
}
