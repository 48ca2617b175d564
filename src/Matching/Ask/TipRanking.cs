using PeerBot.Matching.Find;

namespace PeerBot.Matching.Ask;

/// <summary>
/// Ranks saved tips for a topic the way <c>find</c> reads topics (synonyms, grade bands, stop words): a word the tip was
/// tagged with counts 40, a grade its tags cover 30, a word of its question or answer 10; newest first among equals.
/// </summary>
public static class TipRanking
{
    public static IReadOnlyList<SavedTip> Rank(IReadOnlyList<SavedTip> tips, string topic, int limit = 5)
    {
        var query = new TopicQuery(topic);
        if (query.IsEmpty)
        {
            return [];
        }

        return [.. tips
            .Select(t => (Tip: t, Score: Score(t, query)))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score)
            .ThenByDescending(t => t.Tip.AnsweredAt)
            .Take(limit)
            .Select(t => t.Tip)];
    }

    private static int Score(SavedTip tip, TopicQuery query)
    {
        var tagged = new TopicQuery(string.Join(' ', tip.Tags));
        var text = new TopicQuery($"{tip.Question} {tip.Answer}");
        var tagWords = tagged.Words.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var textWords = text.Words.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var score = 0;
        foreach (var word in query.Words.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            score += tagWords.Contains(word) ? 40 : textWords.Contains(word) ? 10 : 0;
        }

        if (query.Grades.Overlaps(tagged.Grades))
        {
            score += 30;
        }
        else if (query.Grades.Overlaps(text.Grades))
        {
            score += 10;
        }

        return score;
    }
}
