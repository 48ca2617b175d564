using PeerBot.Bot.Commands.Profiles;
using PeerBot.Matching.Find;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Find;

/// <summary><c>find &lt;topic&gt;</c>: the best-fitting peers for a topic, each with why and a one-click "say hi".</summary>
public sealed class FindCommand(MemberDirectory members, BoundaryStore boundaries, TimeProvider clock) : ICommandHandler
{
    public const int Shown = 5;

    public CommandInfo Info { get; } = new("find", "find <topic>", "peers for a subject, grade band or focus area, and why", "find 7th grade math");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var everyone = await members.ListAsync(command.Workspace.Id, ct);
        var me = everyone.FirstOrDefault(m => m.ExternalUserId == command.Caller.UserId);
        if (me is null)
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        if (command.Arguments.Length == 0)
        {
            // Typed without a topic: say how. Picked from a menu (Slack's "Find a peer"): ask for the topic in a form.
            return command.FromMenu
                ? new FormReply(FindForm.Build())
                : new MessageReply(ChatMessage.Plain(
                    $"What would you like help with? Give me a topic: a subject, a grade band or a focus area, e.g. `{command.Prefix}find 7th grade math` or `{command.Prefix}find classroom management`."));
        }

        var now = clock.GetUtcNow();
        var options = new RoundOptions
        {
            Today = DateOnly.FromDateTime(now.UtcDateTime),
            DefaultTimeZone = command.Workspace.TimeZone,
            Rules = new PairingRules
            {
                Paused = everyone.Where(m => m.IsPausedAt(now)).Select(m => m.ExternalUserId).ToHashSet(StringComparer.Ordinal),
                // Either one's never-pair list, and evaluators with the people they evaluate: never suggested, never hinted.
                Blocked = await boundaries.BlockedPairsAsync(command.Workspace.Id, everyone, ct),
            },
        };
        var suggestions = PeerFinder.Find(me.Profile, [.. everyone.Select(m => m.Profile)], command.Arguments, options, Shown);
        if (suggestions.Count == 0)
        {
            return new MessageReply(ChatMessage.Plain(NobodyYet(command, PeerFinder.BroaderTopics(me.Profile, [.. everyone.Select(m => m.Profile)], command.Arguments, options))));
        }

        var blocks = new List<MessageBlock> { new TextBlock($"**Peers for \"{command.Arguments}\"**") };
        foreach (var s in suggestions)
        {
            blocks.Add(new TextBlock($"**{s.Name}** — {s.Reason}"));
            blocks.Add(new ButtonsBlock([new ChatButton($"Say hi to {FirstName(s.Name)}", SayHiAction.Id, s.Id, ButtonStyle.Primary, $"Open a chat with {s.Name} with a one-line introduction")]));
        }

        blocks.Add(new NoteBlock("\"Say hi\" opens a chat between the two of you with a one-line introduction. Only people who joined PeerBot are shown."));
        var text = $"Peers for \"{command.Arguments}\": " + string.Join("; ", suggestions.Select(s => $"{s.Name} — {s.Reason}"));
        return new MessageReply(new ChatMessage(text, blocks));
    }

    /// <summary>No match: topics that do find someone here, so the next try is one tap of typing away.</summary>
    private static string NobodyYet(ChatCommand command, IReadOnlyList<TopicSuggestion> broader) =>
        broader.Count == 0
            ? $"Nobody here matches \"{command.Arguments}\" yet, and nobody else is available to suggest right now. Check back as more colleagues join."
            : $"Nobody here matches \"{command.Arguments}\" yet. Colleagues here can help with: " +
              string.Join(", ", broader.Select(b => $"`{command.Prefix}find {b.Topic}` ({b.People} {(b.People == 1 ? "person" : "people")})")) + ".";

    public static string FirstName(string name) => name.Split(' ', 2)[0] is { Length: > 0 } first ? first : name;
}
