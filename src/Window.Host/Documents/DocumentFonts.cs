using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Window.Host.Documents;

/// <summary>
/// The two fonts every document is set in, shipped in the assembly (Fonts/NOTICE.md): Droid Sans Fallback for Chinese and
/// DejaVu Sans for Latin letters and digits, which Droid Sans Fallback lacks. A text is set in runs of one font each
/// (<see cref="Runs"/>); both are embedded as subsets with a ToUnicode map, so the PDF's text can be extracted.
/// </summary>
public static class DocumentFonts
{
    /// <summary>The family of Chinese text.</summary>
    public const string Cjk = "Window CJK";

    /// <summary>The family of Latin letters, digits and ASCII punctuation.</summary>
    public const string Latin = "Window Latin";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<(string Family, double Size, bool Bold), XFont> Fonts = new();

    /// <summary>Makes PDFsharp find the two fonts (once per process; PDFsharp's resolver is global).</summary>
    public static void Use()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not Resolver)
            {
                GlobalFontSettings.FontResolver = new Resolver();
            }
        }
    }

    /// <summary>The font of <paramref name="family"/> at <paramref name="size"/> points (bold is drawn thicker: neither font has a bold face).</summary>
    public static XFont Font(string family, double size, bool bold = false) =>
        Fonts.GetOrAdd((family, size, bold), key =>
            new XFont(key.Family, key.Size, key.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode)));

    /// <summary>Whether <paramref name="c"/> is set in the Chinese font (CJK blocks, CJK and full-width punctuation).</summary>
    public static bool IsCjk(char c) => c >= '\u2E80';

    /// <summary><paramref name="text"/> cut into runs of one font each, in order.</summary>
    public static IEnumerable<(string Family, string Text)> Runs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                yield return (IsCjk(text[start]) ? Cjk : Latin, text[start..i]);
                start = i;
            }
        }
    }

    private sealed class Resolver : IFontResolver
    {
        private const string CjkFace = "DroidSansFallbackFull";
        private const string LatinFace = "DejaVuSans";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(familyName == Latin ? LatinFace : CjkFace, bold, italic);

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"documents/fonts/{faceName}.ttf")
                ?? throw new InvalidOperationException($"The document font {faceName} is not in the assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
