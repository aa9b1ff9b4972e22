using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Window.Host.Materials;

/// <summary>
/// Seals the chunks of the talents' files (sensitive personal information: health results, children's records, bank
/// details). Each file has its own AES-256-GCM key, derived with HKDF from the master key and the file id, so no two
/// files share a key and a stolen table without the master key is noise. Each chunk gets a random nonce and is bound to
/// its file and place (associated data: file id and sequence), so chunks cannot be swapped or reordered unnoticed.
/// </summary>
public sealed class MaterialCipher
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] filesKey;

    /// <summary>Derives the materials' key from the master key.</summary>
    public MaterialCipher(byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        filesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "window/materials/files"u8.ToArray());
    }

    /// <summary>How many bytes a sealed chunk adds to its clear bytes.</summary>
    public const int Overhead = 1 + NonceSize + TagSize;

    /// <summary>The AES-GCM instance of one file (dispose it after the file's chunks).</summary>
    public AesGcm For(string fileId) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, filesKey, 32, salt: Encoding.UTF8.GetBytes(fileId), info: "window/materials/file"u8.ToArray()), TagSize);

    /// <summary>Seals chunk <paramref name="seq"/> of a file.</summary>
    public static byte[] Seal(AesGcm aes, int seq, ReadOnlySpan<byte> clear)
    {
        ArgumentNullException.ThrowIfNull(aes);
        var sealedChunk = new byte[Overhead + clear.Length];
        sealedChunk[0] = FormatVersion;
        RandomNumberGenerator.Fill(sealedChunk.AsSpan(1, NonceSize));
        aes.Encrypt(sealedChunk.AsSpan(1, NonceSize), clear, sealedChunk.AsSpan(Overhead), sealedChunk.AsSpan(1 + NonceSize, TagSize), Associated(seq));
        return sealedChunk;
    }

    /// <summary>Opens chunk <paramref name="seq"/> of a file into <paramref name="clear"/> (its length: the sealed length less <see cref="Overhead"/>).</summary>
    public static void Open(AesGcm aes, int seq, ReadOnlySpan<byte> sealedChunk, Span<byte> clear)
    {
        ArgumentNullException.ThrowIfNull(aes);
        if (sealedChunk.Length < Overhead || sealedChunk[0] != FormatVersion)
        {
            throw new CryptographicException("Not a chunk sealed by Window.");
        }

        aes.Decrypt(sealedChunk.Slice(1, NonceSize), sealedChunk[Overhead..], sealedChunk.Slice(1 + NonceSize, TagSize), clear, Associated(seq));
    }

    private static byte[] Associated(int seq)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(data, seq);
        return data;
    }
}
