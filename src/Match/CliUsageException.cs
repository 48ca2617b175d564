namespace PeerBot.MatchTool;

/// <summary>The command line itself is wrong (an unknown, missing or malformed flag): the verb prints usage and exits 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
