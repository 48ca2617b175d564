using System.Text;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin &lt;verb&gt; …</c>: the workspace's rhythm and rounds, for admins only.</summary>
public sealed class AdminCommand(IEnumerable<IAdminVerb> verbs, AdminGate gate, RecurringSchedules schedules) : ICommandHandler
{
    private readonly Dictionary<string, IAdminVerb> _verbs = verbs.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);

    public CommandInfo Info { get; } = new("admin", "admin <verb>", "workspace admins: schedules, time zone, school breaks, pods, introductions channel, video link, rounds (try `admin show`)", "admin show", CommandAudience.Admins);

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (!await gate.IsAdminAsync(command.Workspace, command.Caller.UserId, ct))
        {
            return new MessageReply(ChatMessage.Plain(
                "Only workspace admins can change PeerBot's settings. If you should be one, ask your Slack/Teams admin, or the person who installed PeerBot to add you to PeerBot__Admins."));
        }

        var (name, arguments) = CommandRouter.Split(command.Arguments);
        if (!_verbs.TryGetValue(name, out var verb))
        {
            return new MessageReply(Usage(command.Prefix, name));
        }

        var reply = await verb.HandleAsync(command, arguments, ct);
        if (verb.Reschedules)
        {
            // The recurring jobs follow the saved settings within moments (harmless when the input was refused).
            await schedules.ChangedAsync(command.Workspace.Id, ct);
        }

        return new MessageReply(reply);
    }

    private ChatMessage Usage(string prefix, string unknown)
    {
        var text = new StringBuilder(unknown.Length == 0 ? "Admin verbs:\n" : $"There is no admin verb \"{unknown}\". Admin verbs:\n");
        foreach (var v in _verbs.Values)
        {
            text.Append("• `").Append(prefix).Append("admin ").Append(v.Usage).Append("`\n");
        }

        return ChatMessage.Plain(text.ToString().TrimEnd());
    }
}
