namespace PeerBot.Bot.Simulator;

/// <summary>A button of the time panel, as the page draws it.</summary>
public sealed record TimeButton(string Id, string Label, string Explains);
