namespace PeerBot.Scheduler.Thanks;

/// <summary>
/// What coaches see of thanks and meetings this term: counts only, never who. Each figure is null when it rests on fewer
/// people than the suppression threshold (givers for the thanks count, pairings for the share that met).
/// </summary>
/// <param name="Since">The first day of the term counted (the workspace's local date).</param>
/// <param name="Until">The last day counted: the end of last week, so a report read on two days of one week shows the same figures.</param>
public sealed record ThanksHealth(DateOnly Since, DateOnly Until, int? ThanksGiven, double? MetShare, int Pairings);
