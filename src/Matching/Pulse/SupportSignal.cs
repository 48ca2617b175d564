namespace PeerBot.Matching.Pulse;

/// <summary>When a member's own answers mean "show me the support resources" — privately, to them alone.</summary>
public static class SupportSignal
{
    /// <summary>The hardest end of a question where high is hard (e.g. stress 5 of 5).</summary>
    public const int VeryHigh = 5;

    public static bool IsVeryHighStress(IReadOnlyList<PulseQuestion> questions, IReadOnlyList<int> answers) =>
        questions.Where((q, i) => q.HighIsHard && i < answers.Count && answers[i] >= VeryHigh).Any();
}
