using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Window.Host.Privacy;

/// <summary>
/// Encrypts the ASP.NET data-protection key ring before it reaches the database (the keys sign sign-in cookies and
/// anti-forgery tokens: a copy of the table must not let anyone forge a session). AES-GCM with a key derived from the
/// master key, so every host of a cluster, sharing the master key, reads every other host's keys. Keys stored before
/// this existed carry no encryption element and are still read as they are.
/// </summary>
public sealed class KeyRingEncryption
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly XName Element = "windowEncryptedKey";
    private readonly byte[] key;

    public KeyRingEncryption(byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/data-protection-key-ring"u8.ToArray());
    }

    /// <summary>Makes the data-protection system encrypt new keys with this.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlEncryptor = new Encryptor(provider.GetRequiredService<KeyRingEncryption>())));
    }

    internal XElement Encrypt(XElement plain)
    {
        var clear = Encoding.UTF8.GetBytes(plain.ToString(SaveOptions.DisableFormatting));
        var sealedData = new byte[1 + NonceSize + TagSize + clear.Length];
        sealedData[0] = FormatVersion;
        RandomNumberGenerator.Fill(sealedData.AsSpan(1, NonceSize));
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(sealedData.AsSpan(1, NonceSize), clear, sealedData.AsSpan(1 + NonceSize + TagSize), sealedData.AsSpan(1 + NonceSize, TagSize));
        }

        CryptographicOperations.ZeroMemory(clear);
        return new XElement(Element, Convert.ToBase64String(sealedData));
    }

    internal XElement Decrypt(XElement encrypted)
    {
        var sealedData = Convert.FromBase64String(encrypted.Value);
        if (encrypted.Name != Element || sealedData.Length < 1 + NonceSize + TagSize || sealedData[0] != FormatVersion)
        {
            throw new CryptographicException("Not a key encrypted by Window.");
        }

        var clear = new byte[sealedData.Length - 1 - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(sealedData.AsSpan(1, NonceSize), sealedData.AsSpan(1 + NonceSize + TagSize), sealedData.AsSpan(1 + NonceSize, TagSize), clear);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(clear));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    private sealed class Encryptor(KeyRingEncryption encryption) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(encryption.Encrypt(plaintextElement), typeof(Decryptor));
    }

    /// <summary>Named in each stored key; created by the data-protection system with its service provider.</summary>
    internal sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) => services.GetRequiredService<KeyRingEncryption>().Decrypt(encryptedElement);
    }
}
