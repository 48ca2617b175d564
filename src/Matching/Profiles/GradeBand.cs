using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Matching.Profiles;

/// <summary>
/// Grade bands as districts write them ("PK", "Pre-K", "Kindergarten", "1st", "grade 7", "9–12", "K-12") turned into
/// one stored form: <c>pk</c>, <c>tk</c>, <c>k</c>, <c>1</c>…<c>12</c>, or a range of two of them such as <c>k-2</c>.
/// Two teachers share a band only when they wrote the same stored form, so every spelling has to land on one.
/// </summary>
public static partial class GradeBand
{
    /// <summary>Grades in school order: pre-K, transitional K, K, then 1 to 12.</summary>
    private static readonly string[] Order = ["pk", "tk", "k", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

    public const string Help = "write grades like pk, k, k-2, 3-5, 6-8, 9-12 or 7";

    /// <summary>The stored form of <paramref name="written"/>, or false when it is not a grade or a range of grades.</summary>
    public static bool TryNormalise(string written, out string canonical)
    {
        // Most rosters already write the stored form: no need for the patterns then.
        if (Span(written) is { } span && (span.From < span.To || !written.Contains('-', StringComparison.Ordinal)))
        {
            canonical = written;
            return true;
        }

        canonical = "";
        var text = Spaces().Replace(Dashes().Replace(written.Trim().ToLowerInvariant(), "-"), " ");
        text = PreKindergarten().Replace(text, "pk");
        text = TransitionalKindergarten().Replace(text, "tk");
        var m = Band().Match(text);
        if (!m.Success || Rank(m.Groups["from"].Value) is not { } from)
        {
            return false;
        }

        if (!m.Groups["to"].Success)
        {
            canonical = Order[from];
            return true;
        }

        if (Rank(m.Groups["to"].Value) is not { } to || to < from)
        {
            return false;
        }

        canonical = to == from ? Order[from] : $"{Order[from]}-{Order[to]}";
        return true;
    }

    /// <summary>
    /// The grades of a comma list that are stored in another spelling than written, letter case aside
    /// ("Pre-K" → pk, "9–12" → 9-12, but not "K-2" → k-2); a grade that is not a band is left to the validation.
    /// </summary>
    public static IEnumerable<(string Written, string Stored)> Respellings(string list)
    {
        foreach (var written in list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryNormalise(written, out var stored) && !string.Equals(written, stored, StringComparison.OrdinalIgnoreCase))
            {
                yield return (written, stored);
            }
        }
    }

    /// <summary>Grade numbers a stored band covers, pre-K as −2, TK as −1 and K as 0; null for a token that is not a band.</summary>
    public static (int From, int To)? Span(string canonical)
    {
        var parts = canonical.Split('-');
        var from = parts.Length is 1 or 2 ? Array.IndexOf(Order, parts[0]) : -1;
        var to = parts.Length == 2 ? Array.IndexOf(Order, parts[1]) : from;
        return from < 0 || to < from ? null : (from - 2, to - 2);
    }

    /// <summary>How a band is labelled on a form: "Pre-K", "TK", "K-2", "6-8".</summary>
    public static string Label(string canonical) => canonical switch
    {
        "pk" => "Pre-K",
        _ => canonical.ToUpperInvariant(),
    };

    private static int? Rank(string grade)
    {
        switch (grade)
        {
            case "pk":
                return 0;
            case "tk":
                return 1;
            case "k" or "kg" or "kinder" or "kindergarten":
                return 2;
        }

        var digits = grade.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 12)
        {
            return null;
        }

        // An ordinal must be the right one: "1st", "2nd", "3rd", "4th", "11th"; "1th" or "3st" is a typo worth asking about.
        var suffix = grade[digits.Length..];
        var expected = n is 11 or 12 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return suffix.Length == 0 || suffix == expected ? n + 2 : null;
    }

    [GeneratedRegex(@"^(?:(?:grades?|gr\.?)\s?)?(?<from>[a-z0-9]+?)(?:\s?(?:-|\bto\b|\bthrough\b|\bthru\b)\s?(?:(?:grades?|gr\.?)\s?)?(?<to>[a-z0-9]+))?(?:\s?-?\s?grades?)?$")]
    private static partial Regex Band();

    [GeneratedRegex(@"\bpre\s?-?\s?k(?:inder(?:garten)?)?\b")]
    private static partial Regex PreKindergarten();

    [GeneratedRegex(@"\btransitional\s?-?\s?k(?:inder(?:garten)?)?\b")]
    private static partial Regex TransitionalKindergarten();

    [GeneratedRegex(@"[\u2010-\u2015\u2212]")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
