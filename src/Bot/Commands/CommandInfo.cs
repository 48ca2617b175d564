namespace PeerBot.Bot.Commands;

/// <summary>How a verb is written and what it does: the line <c>help</c> shows for it.</summary>
/// <param name="Audience">Who the verb is for: everyone's verbs are the ones menus offer (the Teams command list).</param>
public sealed record CommandInfo(string Verb, string Usage, string Summary, string Example, CommandAudience Audience = CommandAudience.Everyone);
