namespace PeerBot.Scheduler.Boundaries;

/// <summary>An evaluator and whom they evaluate: one person (<see cref="TeacherUserId"/>) or everyone at a school.</summary>
public sealed record EvaluatorRule(string EvaluatorUserId, string? TeacherUserId, string? School);
