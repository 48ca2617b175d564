namespace PeerBot.Matching.Pulse;

/// <summary>When comments may be shown: the whole workspace's pulse with at least ten respondents, shuffled, with no cohort.</summary>
public static class CommentRule
{
    public const int FewestRespondents = 10;

    /// <summary>Comments carry no cohort, so a cohort scope can never show them (it could not count its own respondents' comments).</summary>
    public static bool Visible(ReportScope scope, PulseCell scopeCell, SuppressionThreshold threshold) =>
        !scope.IsCohort && scopeCell.Respondents is { } n && n >= Math.Max(FewestRespondents, threshold.Value);

    /// <summary>Fisher–Yates: the order they were written in must not survive.</summary>
    public static IReadOnlyList<string> Shuffle(IEnumerable<string> comments, Random random)
    {
        var list = comments.ToArray();
        for (var i = list.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
