using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>A workspace's pulse: its questions, rhythm (cron in the workspace's zone, every N weeks from the anchor) and support resources.</summary>
public sealed record PulseSettings(IReadOnlyList<PulseQuestion> Questions, string Schedule, int EveryWeeks, DateOnly Anchor, string Resources)
{
    public static PulseSettings Default { get; } = new(PulseQuestions.Defaults, "0 14 * * 5", 2, new DateOnly(2026, 1, 5), "");
}
