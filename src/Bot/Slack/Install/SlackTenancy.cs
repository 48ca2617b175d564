using Microsoft.Extensions.Options;
using PeerBot.Bot.Workspaces;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack.Install;

/// <summary>Slack serves one workspace unless OAuth install (<c>Slack__ClientId</c>) lets any workspace add the app.</summary>
public sealed class SlackTenancy(IOptions<SlackOptions> options) : IPlatformTenancy
{
    public string Platform => SlackChatGateway.PlatformName;

    public bool Enabled => options.Value.Enabled;

    public bool SingleWorkspace => string.IsNullOrEmpty(options.Value.ClientId);

    public bool IsTheSingleWorkspace(Workspace workspace) => SingleWorkspace && workspace.Platform == Platform;
}
