using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Window.Host.Tests.Materials;

/// <summary>Files the materials' tests hand in: a small PDF with a marker text, a photo carrying EXIF, a renamed executable.</summary>
public static class MaterialSamples
{
    /// <summary>A PDF of <paramref name="pages"/> pages whose content streams carry <paramref name="marker"/> in clear.</summary>
    public static byte[] Pdf(string marker, int pages = 2)
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>" };
        var kids = string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{3 + (i * 2)} 0 R"));
        objects.Add($"<< /Type /Pages /Kids [{kids}] /Count {pages} >>");
        for (var page = 0; page < pages; page++)
        {
            var content = $"BT /F1 24 Tf 72 720 Td ({marker} page {page + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + (page * 2)} 0 R /Resources << /Font << /F1 {3 + (pages * 2)} 0 R >> >> >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var index = 0; index < objects.Count; index++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{index + 1} 0 obj\n{objects[index]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A JPEG photo with an EXIF segment that carries <paramref name="exifMarker"/> (as a phone's location would be).</summary>
    public static byte[] PhotoWithExif(string exifMarker, int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 120, 200));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(8, 8, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = Encoding.ASCII.GetBytes("Exif\0\0" + exifMarker);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        segment[2] = (byte)((payload.Length + 2) >> 8);
        segment[3] = (byte)((payload.Length + 2) & 0xFF);
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>An ELF executable's first bytes, named like a PDF.</summary>
    public static byte[] Executable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[256]];

    /// <summary>The multipart body of one file in the field 'file'.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Whether <paramref name="haystack"/> contains <paramref name="needle"/>.</summary>
    public static bool Contains(ReadOnlySpan<byte> haystack, string needle) => haystack.IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}
