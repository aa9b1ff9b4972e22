using SkiaSharp;

namespace Window.Host.Materials;

/// <summary>
/// What a file is, decided from its bytes (never its name or the client's header): a PDF (<c>%PDF-</c>), a JPEG
/// (<c>FF D8 FF</c>) or a PNG (<c>89 50 4E 47 0D 0A 1A 0A</c>); anything else is refused. Images are decoded and encoded
/// again, so that what is stored carries pixels only (no EXIF: no location, no device, no time).
/// </summary>
public static class MaterialContent
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>How many bytes <see cref="Detect"/> needs.</summary>
    public const int HeadBytes = 8;

    private const int JpegQuality = 90;

    /// <summary>The content type of a file starting with <paramref name="head"/>; <see langword="null"/> for anything not accepted.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? Pdf
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : null;

    /// <summary>
    /// The image's pixels encoded again in its own format, turned upright as its EXIF orientation said (the tag itself is
    /// gone); <see langword="null"/> when the bytes do not decode as an image.
    /// </summary>
    public static byte[]? Reencode(byte[] image, string contentType)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var picture = SKImage.FromBitmap(upright ?? decoded);
        using var encoded = contentType == Png ? picture.Encode(SKEncodedImageFormat.Png, 100) : picture.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded?.ToArray();
    }

    // The orientations phones write (a quarter, half or three-quarter turn); mirrored ones are rare enough to keep as taken.
    private static SKBitmap? Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        if (degrees == 0)
        {
            return null;
        }

        var turned = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var source = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default, null);
        return turned;
    }
}

/// <summary>
/// Counts a PDF's pages while its bytes stream past (no second copy of the file): every page object's <c>/Type /Page</c>
/// (not <c>/Pages</c>). A PDF whose page objects hide in compressed object streams counts none; its page count is then
/// unknown (null) rather than wrong.
/// </summary>
public sealed class PdfPageCounter
{
    // A marker starting in the last Overlap bytes of a block is counted with the next block, which starts with them.
    private const int Overlap = 32;
    private byte[] carried = [];
    private int pages;

    /// <summary>The pages counted (after <see cref="Finish"/>); <see langword="null"/> when none was found.</summary>
    public int? Pages => pages > 0 ? pages : null;

    /// <summary>Reads the next bytes of the file.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var buffer = new byte[carried.Length + bytes.Length];
        carried.CopyTo(buffer, 0);
        bytes.CopyTo(buffer.AsSpan(carried.Length));
        var counted = Math.Max(0, buffer.Length - Overlap);
        pages += Count(buffer, counted);
        carried = buffer[counted..];
    }

    /// <summary>Counts what the last block left.</summary>
    public void Finish()
    {
        pages += Count(carried, carried.Length);
        carried = [];
    }

    // Markers that start before `before`.
    private static int Count(ReadOnlySpan<byte> bytes, int before)
    {
        var count = 0;
        var start = 0;
        while (start < before)
        {
            var found = bytes[start..].IndexOf("/Type"u8);
            if (found < 0 || start + found >= before)
            {
                return count;
            }

            var at = start + found;
            start = at + 1;
            var after = at + 5;
            while (after < bytes.Length && bytes[after] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                after++;
            }

            // "/Type /Page" then a delimiter: not "/Pages", not "/PageLabel".
            if (after + 5 <= bytes.Length && bytes.Slice(after, 5).SequenceEqual("/Page"u8) && (after + 5 == bytes.Length || !char.IsAsciiLetterOrDigit((char)bytes[after + 5])))
            {
                count++;
            }
        }

        return count;
    }
}
