using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Window.Host.Privacy;

/// <summary>A talent's identifying data (PIPL personal information): only ever held in clear inside one request.</summary>
/// <remarks><see cref="SmsOptOut"/>: the talent asked the desk for no SMS (issue 21); identities sealed before it read as false.</remarks>
public sealed record TalentIdentity(string Name, string IdNumber, string Phone, bool SmsOptOut = false);

/// <summary>
/// Keeps personal data out of storage, keys and logs: AES-GCM sealing of a talent's identity (what grains and
/// the database hold) and a keyed hash of the ID number (how a talent is found). Both keys are derived from one
/// master key: configured (<c>Window:Secrets:MasterKey</c>, base64 of 32 bytes) or, on the embedded profile,
/// generated once into the data folder's <c>keys/master.key</c>.
/// </summary>
public sealed class PersonalDataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;
    private readonly byte[] caseIdKey;
    private readonly byte[] talentIdKey;
    private readonly byte[] searchKey;

    /// <summary>Derives the working keys from the master key.</summary>
    public PersonalDataProtector(byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        if (masterKey.Length != 32)
        {
            throw new InvalidOperationException("Window:Secrets:MasterKey must be 32 bytes (base64).");
        }

        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/personal-data/aes-gcm"u8.ToArray());
        lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/personal-data/id-lookup"u8.ToArray());
        caseIdKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/case-ids"u8.ToArray());
        talentIdKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/talent-ids"u8.ToArray());
        searchKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/personal-data/search"u8.ToArray());
    }

    /// <summary>The master key from configuration, or the embedded profile's key file (created when missing).</summary>
    public static byte[] LoadMasterKey(string? configured, string? keyFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                return Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Window:Secrets:MasterKey is not base64.");
            }
        }

        if (keyFolder is null)
        {
            throw new InvalidOperationException("Window:Secrets:MasterKey (environment: Window__Secrets__MasterKey) is required on the cluster profile: every host must share it.");
        }

        var path = Path.Combine(keyFolder, "master.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(keyFolder);
            var key = RandomNumberGenerator.GetBytes(32);

            // Created 0600 on Unix, not chmod-ed afterwards: there is no moment at which another account could open it.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(path, options))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary>Encrypts an identity; the result is what grains and the database store.</summary>
    public byte[] Seal(TalentIdentity identity)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(identity);
        var sealedData = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedData[0] = FormatVersion;
        var nonce = sealedData.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, sealedData.AsSpan(1 + NonceSize + TagSize), sealedData.AsSpan(1 + NonceSize, TagSize));
        CryptographicOperations.ZeroMemory(plain);
        return sealedData;
    }

    /// <summary>Decrypts a sealed identity; fails for data sealed with another key or altered.</summary>
    public TalentIdentity Unseal(byte[] sealedData)
    {
        ArgumentNullException.ThrowIfNull(sealedData);
        if (sealedData.Length < 1 + NonceSize + TagSize || sealedData[0] != FormatVersion)
        {
            throw new CryptographicException("Not a sealed identity.");
        }

        var plain = new byte[sealedData.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(sealedData.AsSpan(1, NonceSize), sealedData.AsSpan(1 + NonceSize + TagSize), sealedData.AsSpan(1 + NonceSize, TagSize), plain);
        return JsonSerializer.Deserialize<TalentIdentity>(plain) ?? throw new CryptographicException("Empty identity.");
    }

    /// <summary>The keyed hash a talent is found by (hex); equal ID numbers give equal hashes, nothing else can be read from it.</summary>
    public string LookupHash(string idNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(IdNumbers.Normalize(idNumber))));

    /// <summary>
    /// The keyed hash (hex) a case is searched by for one field of its talent: <paramref name="field"/> names the field, so
    /// that equal texts of two fields never give the same hash; <paramref name="normalized"/> is the value as
    /// <see cref="SearchNormalization"/> writes it. Nothing can be read back from it, and without the master key nobody can
    /// compute it for a guessed value.
    /// </summary>
    public string SearchHash(string field, string normalized)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(normalized);
        return Convert.ToHexStringLower(HMACSHA256.HashData(searchKey, Encoding.UTF8.GetBytes(field + "\n" + normalized)));
    }

    /// <summary>
    /// The opaque talent id of a talent not registered yet, derived from the lookup hash: every opening for the same
    /// person reaches the same talent grain (so their reservations meet) before any row is written for them.
    /// </summary>
    public string TalentIdFor(string lookupHash)
    {
        var hash = HMACSHA256.HashData(talentIdKey, Encoding.UTF8.GetBytes(lookupHash));
        return "t" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// The opaque case id for an open request: derived from who sent it and its idempotency key, so that a retried
    /// open reaches the same case grain and replays instead of opening a second case.
    /// </summary>
    public string CaseIdFor(string user, string idempotencyKey)
    {
        var hash = HMACSHA256.HashData(caseIdKey, Encoding.UTF8.GetBytes($"{user}\n{idempotencyKey}"));
        return "c" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
