namespace PeerBot.Bot.Simulator;

/// <summary>One Web API call PeerBot made to the simulated Slack, for the page's "what PeerBot asked Slack" log.</summary>
public sealed record SimApiCall(long Seq, string Method, bool Ok, string Summary);
