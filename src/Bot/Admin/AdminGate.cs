using Microsoft.Extensions.Options;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Admin;

/// <summary>Who may run <c>admin</c> verbs: the platform's admins and owners, plus <c>PeerBot__Admins</c>.</summary>
public sealed class AdminGate(IOptions<AdminOptions> options, ChatGateways gateways)
{
    public async Task<bool> IsAdminAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        if (options.Value.AdminIds.Contains(userId))
        {
            return true;
        }

        var user = await gateways.For(workspace).GetUserAsync(workspace, userId, ct);
        return user is { IsAdmin: true, IsBot: false };
    }
}
