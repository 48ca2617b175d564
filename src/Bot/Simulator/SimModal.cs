using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>A modal open in front of one person (views.open), with the Block Kit view PeerBot sent.</summary>
public sealed record SimModal(string ViewId, string UserId, JsonObject View)
{
    /// <summary>Changes with every version of the view: a views.update quoting an older one is refused (<c>hash_conflict</c>).</summary>
    public string Hash { get; init; } = Guid.NewGuid().ToString("N")[..12];
}
