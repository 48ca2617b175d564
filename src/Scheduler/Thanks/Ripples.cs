namespace PeerBot.Scheduler.Thanks;

/// <summary>What a member's meetings rippled into: colleagues met (pairings someone said "met" for) and thanks received.</summary>
public sealed record Ripples(int ColleaguesMet, int ThanksReceived, IReadOnlyList<ThanksNote> Recent);
