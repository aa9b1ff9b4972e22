using System.Buffers;
using System.IO.Compression;
using Orleans.Serialization;
using Window.Contracts;

namespace Window.Grains;

/// <summary>
/// A case view as the replay records keep it: Orleans-serialized (the view's stable ids) and Brotli-compressed. A view
/// of a five-item bundle is ~5 KB as objects and well under 1 KB packed; a retry unpacks it in microseconds.
/// </summary>
public static class PackedView
{
    private const int Quality = 1;
    private const int Window = 16;

    /// <summary>The view, serialized and compressed.</summary>
    public static byte[] Pack(Serializer<CaseView> serializer, CaseView view) => Compress(serializer.SerializeToArray(view));

    /// <summary>A serialized view, compressed.</summary>
    public static byte[] Compress(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        // A rented buffer of the worst case, then one exact copy: a fresh worst-case array per command was garbage.
        var packed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(raw.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(raw, packed, out var written, Quality, Window))
            {
                throw new InvalidOperationException("A case view did not compress into its maximum compressed length.");
            }

            return packed.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>A view packed by <see cref="Pack"/>.</summary>
    public static CaseView Unpack(Serializer<CaseView> serializer, byte[] packed) => Read(serializer, Decompress(packed));

    /// <summary>A view from its serialized bytes.</summary>
    public static CaseView Read(Serializer<CaseView> serializer, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer.Deserialize(raw) ?? throw new InvalidDataException("A packed case view holds null.");
    }

    /// <summary>The serialized bytes of a view packed by <see cref="Pack"/> or <see cref="Compress"/>.</summary>
    public static byte[] Decompress(byte[] packed)
    {
        using var input = new MemoryStream(packed, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        return raw.ToArray();
    }
}
