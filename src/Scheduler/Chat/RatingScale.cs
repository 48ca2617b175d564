using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Scheduler.Chat;

/// <summary>
/// A 1–5 scale as people read it: every point labelled in words ("1 – Very low" … "5 – Very high"), never a bare number,
/// so the buttons make sense to a screen reader and at a glance.
/// </summary>
public static partial class RatingScale
{
    public const int Points = 5;

    /// <summary>The words for a plain low-to-high scale.</summary>
    public static IReadOnlyList<string> LowToHigh { get; } = ["Very low", "Low", "Medium", "High", "Very high"];

    /// <summary>How useful a meeting was.</summary>
    public static IReadOnlyList<string> Usefulness { get; } = ["Not useful", "A little useful", "Somewhat useful", "Useful", "Very useful"];

    /// <summary>
    /// The words for a question: its own ends when it names them, e.g. "(1 = calm, 5 = very stressed)" gives
    /// "1 – Calm" … "5 – Very stressed", with the plain scale's words between.
    /// </summary>
    public static IReadOnlyList<string> For(string question)
    {
        var ends = Ends().Match(question);
        return ends.Success
            ? [Capitalise(ends.Groups["low"].Value), .. LowToHigh.Skip(1).Take(Points - 2), Capitalise(ends.Groups["high"].Value)]
            : LowToHigh;
    }

    /// <summary>"3 – Medium".</summary>
    public static string Label(int point, IReadOnlyList<string> words) => $"{point.ToString(CultureInfo.InvariantCulture)} – {words[point - 1]}";

    /// <summary>
    /// One button per point, labelled in words; <paramref name="about"/> says what the click does for screen readers
    /// ("Answer 1 of 5: calm").
    /// </summary>
    public static IReadOnlyList<ChatButton> Buttons(string actionId, Func<int, string> value, IReadOnlyList<string> words, string about) =>
        [.. Enumerable.Range(1, Points).Select(point => new ChatButton(Label(point, words), actionId, value(point),
            Description: $"{about} {point.ToString(CultureInfo.InvariantCulture)} of {Points}: {words[point - 1].ToLowerInvariant()}"))];

    private static string Capitalise(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    [GeneratedRegex(@"\(\s*1\s*=\s*(?<low>[^,)]+?)\s*,\s*5\s*=\s*(?<high>[^,)]+?)\s*\)")]
    private static partial Regex Ends();
}
