using System.Text.RegularExpressions;

namespace PeerBot.Bot.Commands;

/// <summary>
/// Reads people from what someone typed: a mention as the adapters hand it over (<c>&lt;@U123|ana&gt;</c> or
/// <c>&lt;@U123&gt;</c> from Slack; Teams' <c>&lt;at&gt;Ana&lt;/at&gt;</c> arrives as <c>&lt;@29:…&gt;</c>), or a bare Slack user id.
/// </summary>
public static partial class UserMention
{
    public static string? TryRead(string text) =>
        Mention().Match(text.Trim()) is { Success: true } m ? m.Groups["id"].Value : null;

    /// <summary>Every mention at the start of <paramref name="text"/>, in order, and what follows them.</summary>
    public static (IReadOnlyList<string> Ids, string Remainder) ReadLeading(string text)
    {
        var ids = new List<string>();
        var rest = text.Trim();
        while (Leading().Match(rest) is { Success: true } m)
        {
            ids.Add(m.Groups["id"].Value);
            rest = rest[m.Length..].TrimStart();
        }

        return (ids, rest);
    }

    /// <summary>How PeerBot writes a person into a message: a mention each platform's adapter renders as the person's name.</summary>
    public static string Of(string userId) => $"<@{userId}>";

    [GeneratedRegex(@"^(?:<@(?<id>[^|>\s]+)(?:\|[^>]*)?>|@?(?<id>[UW][A-Z0-9]{2,}))$")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^(?:<@(?<id>[^|>\s]+)(?:\|[^>]*)?>|@?(?<id>[UW][A-Z0-9]{2,})\b)")]
    private static partial Regex Leading();
}
