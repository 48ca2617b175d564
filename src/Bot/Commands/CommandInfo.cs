namespace PeerBot.Bot.Commands;

/// <summary>How a verb is written and what it does: the line <c>help</c> shows for it.</summary>
public sealed record CommandInfo(string Verb, string Usage, string Summary, string Example);
