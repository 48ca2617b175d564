using System.Text.RegularExpressions;

namespace PeerBot.Bot.Reports;

/// <summary>Reads a person from an admin's words: a platform mention (<c>&lt;@U123|ana&gt;</c>) or a bare user id.</summary>
public static partial class UserMention
{
    public static string? TryRead(string text) =>
        Mention().Match(text.Trim()) is { Success: true } m ? m.Groups["id"].Value : null;

    [GeneratedRegex(@"^(?:<@(?<id>[A-Z0-9]+)(?:\|[^>]*)?>|@?(?<id>[UW][A-Z0-9]{2,}))$")]
    private static partial Regex Mention();
}
