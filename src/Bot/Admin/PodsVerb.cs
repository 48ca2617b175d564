using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin pods &lt;size&gt;</c>: how many peers a pod has (2–4).</summary>
public sealed class PodsVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "pods";

    public string Usage => "pods <2-4>, e.g. pods 3";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        if (!int.TryParse(arguments.Trim(), out var size) || size is < 2 or > 4)
        {
            return ChatMessage.Plain($"Pods can have 2, 3 or 4 people, e.g. `{command.Prefix}admin pods 3`.");
        }

        await settings.SetPodSizeAsync(command.Workspace.Id, size, ct);
        return ChatMessage.Plain($"Pods will have {size} people from the next round on (odd numbers make one pod a little bigger or smaller: nobody is left out).");
    }
}
