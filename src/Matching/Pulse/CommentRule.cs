namespace PeerBot.Matching.Pulse;

/// <summary>When comments may be shown: a closed pulse of the whole workspace with enough respondents, shuffled, with no cohort.</summary>
public static class CommentRule
{
    /// <summary>Comments carry no cohort, so a cohort scope can never show them (it could not count its own respondents' comments).</summary>
    public static bool Visible(ReportScope scope, PulseWeek week, AnonymityRules rules) =>
        !scope.IsCohort && !week.IsOpen && week.Scope.Respondents is { } n && n >= rules.FewestForComments;

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
