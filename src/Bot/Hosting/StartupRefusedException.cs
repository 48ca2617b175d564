namespace PeerBot.Bot.Hosting;

/// <summary>The configuration cannot be run as it is; the message is the one line an operator reads, naming the setting to give.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
