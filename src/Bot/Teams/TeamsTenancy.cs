using Microsoft.Extensions.Options;
using PeerBot.Bot.Workspaces;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Teams;

/// <summary>Teams serves one tenant only when <c>Teams__TenantId</c> names it; otherwise any tenant may add the app.</summary>
public sealed class TeamsTenancy(IOptions<TeamsOptions> options) : IPlatformTenancy
{
    public string Platform => TeamsChatGateway.PlatformName;

    public bool Enabled => options.Value.Enabled;

    public bool SingleWorkspace => !string.IsNullOrEmpty(options.Value.TenantId);

    public bool IsTheSingleWorkspace(Workspace workspace) =>
        SingleWorkspace && workspace.Platform == Platform && string.Equals(workspace.ExternalId, options.Value.TenantId, StringComparison.OrdinalIgnoreCase);
}
