namespace PeerBot.Scheduler.Thanks;

/// <summary>A thank-you someone received, as its receiver sees it.</summary>
/// <param name="Note">What the giver wrote; null when they only tapped.</param>
public sealed record ThanksNote(string GiverName, string? Note, DateTimeOffset GivenAt);
