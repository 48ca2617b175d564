using Microsoft.Extensions.Options;
using PeerBot.Bot.Workspaces;

namespace PeerBot.Bot.Admin;

/// <summary>Says at start when bare <c>PeerBot__Admins</c> ids are ignored because a platform serves several workspaces.</summary>
public sealed partial class AdminListCheck(IOptions<AdminOptions> options, IEnumerable<IPlatformTenancy> tenancies, ILogger<AdminListCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var bare = options.Value.Entries.Count(e => e.Workspace is null);
        var shared = tenancies.Where(t => t.Enabled && !t.SingleWorkspace).Select(t => t.Platform).ToArray();
        if (bare > 0 && shared.Length > 0)
        {
            LogBareIgnored(bare, string.Join(", ", shared));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PeerBot__Admins has {Count} entries without a workspace: they count in no {Platforms} workspace, because that platform serves several. Write them as TEAM:USER (Slack) or TENANT:AADOBJECTID (Teams)")]
    private partial void LogBareIgnored(int count, string platforms);
}
