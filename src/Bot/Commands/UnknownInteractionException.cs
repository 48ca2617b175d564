namespace PeerBot.Bot.Commands;

/// <summary>A form or button PeerBot does not know (an old message, or a forged request).</summary>
public sealed class UnknownInteractionException(string what) : Exception($"PeerBot has no handler for {what}");
