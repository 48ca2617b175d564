using System.Text;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Commands;

/// <summary>The verbs, one line each with an example — the answer to <c>help</c> and to anything not understood.</summary>
public static class HelpMessage
{
    /// <param name="notes">Lines the platform adds (e.g. Slack's shortcuts), shown under the verbs.</param>
    public static ChatMessage Build(IEnumerable<CommandInfo> verbs, string? unknownVerb, string prefix, IEnumerable<string>? notes = null)
    {
        var lines = new StringBuilder();
        var intro = unknownVerb is null
            ? "Hi! I'm PeerBot. I help you find your people: peers who teach what you teach, and a mentor when you want one."
            : $"I don't know \"{Truncate(unknownVerb)}\" yet. Here is what I can do:";
        foreach (var v in verbs)
        {
            lines.Append("• **").Append(v.Usage).Append("** — ").Append(v.Summary).Append(". e.g. `").Append(prefix).Append(v.Example).Append('`').Append('\n');
        }

        var list = lines.ToString().TrimEnd();
        var extra = (notes ?? []).ToList();
        return new ChatMessage(string.Join("\n", [intro, list, .. extra]),
            [new TextBlock(intro), new TextBlock(list), .. extra.Select(n => new NoteBlock(n)), new NoteBlock($"New here? Start with `{prefix}join`.")]);
    }

    private static string Truncate(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
