using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Chat;

/// <summary>Picks the gateway that serves a workspace's platform.</summary>
public sealed class ChatGateways(IEnumerable<IChatGateway> gateways)
{
    private readonly Dictionary<string, IChatGateway> _byPlatform = gateways.ToDictionary(g => g.Platform, StringComparer.Ordinal);

    public IChatGateway For(Workspace workspace) =>
        _byPlatform.TryGetValue(workspace.Platform, out var gateway)
            ? gateway
            : throw new InvalidOperationException($"No chat gateway is configured for platform '{workspace.Platform}'.");
}
