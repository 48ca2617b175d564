using System.Globalization;
using PeerBot.Matching.Explanations;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Tests.Explanations;

/// <summary>
/// The "why" sentences written the plain way, one string per clause and per word (how ExplanationWriter wrote them
/// before it wrote into a reused buffer): the oracle the buffered writer must match character for character.
/// </summary>
internal sealed class ReferenceExplanationWriter(PoolFeatures pool)
{
    private readonly string[] _subjectTopics = WordsFor(pool.Subjects, Words.Topic);
    private readonly string[] _focusTopics = WordsFor(pool.Focus, Words.Topic);
    private readonly string[] _gradeAdjectives = WordsFor(pool.Grades, Words.GradeAdjective);
    private readonly string[] _gradeNouns = WordsFor(pool.Grades, Words.GradeNoun);

    public string ForMentoring(int mentee, int mentor, bool toMentor = false)
    {
        var clauses = new List<string>();
        var teaching = Teaching([mentee, mentor]);
        var focus = Shared(pool.FocusIds, [mentee, mentor]);
        if (teaching is not null && focus.Count > 0)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What} and care about {Join(focus.Ids, _focusTopics)}");
        }
        else if (teaching is not null)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What}");
        }
        else if (focus.Count > 0)
        {
            clauses.Add($"you both care about {Join(focus.Ids, _focusTopics)}");
        }

        var gap = pool.Years[mentor] - pool.Years[mentee];
        if (gap > 0)
        {
            var years = $"{gap} more year{(gap == 1 ? "" : "s")} in the classroom";
            clauses.Add(toMentor ? $"you have {years}" : $"{FirstName(pool.People[mentor].Name, "your mentor")} has {years}");
        }

        AddMeeting(clauses, [mentee, mentor], toMentor ? mentor : -1);
        return Sentence(clauses);
    }

    public string ForPeers(IReadOnlyList<int> members)
    {
        var clauses = new List<string>();
        var teaching = Teaching(members);
        var focus = Shared(pool.FocusIds, members);
        var focusWho = focus.Count > 0 ? WhoOf(focus.Count, members.Count) : null;
        if (teaching is not null && focus.Count > 0 && focusWho == teaching.Value.Who)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What} and want help with {Join(focus.Ids, _focusTopics)}");
        }
        else
        {
            if (teaching is not null)
            {
                clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What}");
            }

            if (focus.Count > 0)
            {
                clauses.Add($"{focusWho} want help with {Join(focus.Ids, _focusTopics)}");
            }
        }

        AddMeeting(clauses, members);
        return Sentence(clauses);
    }

    private (string Who, string What)? Teaching(IReadOnlyList<int> members)
    {
        var subjects = Shared(pool.SubjectIds, members);
        var grades = Shared(pool.GradeIds, members);
        if (subjects.Count > 0 && grades.Count == subjects.Count && SameGroup(members, subjects.Ids[0], grades.Ids[0]))
        {
            var what = $"{Join(grades.Ids, _gradeAdjectives)} {Join(subjects.Ids, _subjectTopics)}";
            return (WhoOf(subjects.Count, members.Count), what);
        }

        if (subjects.Count > 0 && subjects.Count >= grades.Count)
        {
            return (WhoOf(subjects.Count, members.Count), Join(subjects.Ids, _subjectTopics));
        }

        if (grades.Count > 0)
        {
            return (WhoOf(grades.Count, members.Count), Join(grades.Ids, _gradeNouns));
        }

        return null;
    }

    private bool SameGroup(IReadOnlyList<int> members, int subject, int grade) =>
        members.All(m => pool.SubjectIds[m].Contains(subject) == pool.GradeIds[m].Contains(grade));

    private static (int Count, int[] Ids) Shared(int[][] ids, IReadOnlyList<int> members)
    {
        var all = new List<int>();
        foreach (var m in members)
        {
            all.AddRange(ids[m]);
        }

        all.Sort();
        var best = 0;
        var first = -1;
        var second = -1;
        for (var i = 0; i < all.Count;)
        {
            var j = i;
            while (j < all.Count && all[j] == all[i])
            {
                j++;
            }

            var count = j - i;
            if (count > best)
            {
                (best, first, second) = (count, all[i], -1);
            }
            else if (count == best && second < 0)
            {
                second = all[i];
            }

            i = j;
        }

        return best < 2 ? (0, []) : (best, second < 0 ? [first] : [first, second]);
    }

    private static string Join(int[] ids, string[] words) => ids.Length == 1 ? words[ids[0]] : Words.JoinAnd([.. ids.Select(id => words[id])]);

    private static string[] WordsFor(TokenVocabulary vocabulary, Func<string, string> words) =>
        [.. Enumerable.Range(0, vocabulary.Count).Select(id => words(vocabulary[id]))];

    private void AddMeeting(List<string> clauses, IReadOnlyList<int> members, int reader = -1)
    {
        var common = pool.Utc[members[0]];
        for (var i = 1; i < members.Count && common.Length > 0; i++)
        {
            common = WeeklyCalendar.Intersect(common, pool.Utc[members[i]]);
        }

        var who = members.Count == 2 ? "you" : "you all";
        if (common.Length == 0)
        {
            if (members.All(m => pool.OffsetMinutes[m] == pool.OffsetMinutes[members[0]]) && members.Any(m => pool.Utc[m].Length == 0))
            {
                clauses.Add($"{(members.Count == 2 ? "you are" : "you are all")} in the same time zone");
            }

            return;
        }

        var longest = common.MaxBy(i => i.Length);
        var first = pool.Calendar.ToLocal(longest.Start, pool.Zone[members[0]]);
        var locals = members.Select(m => pool.Calendar.ToLocal(longest.Start, pool.Zone[m])).ToList();
        if (locals.All(l => l == first))
        {
            clauses.Add($"{who} overlap {first.Day} {Words.DayPart(first.Time)}");
            return;
        }

        var times = members.Select((m, i) => $"{Clock(locals[i].Time)} for {(m == reader ? "you" : FirstName(pool.People[m].Name, "one of you"))}").ToList();
        clauses.Add($"{who} overlap {first.Day} at {Words.JoinAnd(times)}");
    }

    private static string WhoOf(int count, int of) => count == of
        ? of == 2 ? "you both" : "you all"
        : $"{Words.Number(count)} of you";

    private static string FirstName(string name, string fallback)
    {
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? fallback : first;
    }

    private static string Clock(TimeOnly time) => time.ToString(time.Minute == 0 ? "h tt" : "h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant();

    private static string Sentence(List<string> clauses) => clauses.Count == 0
        ? "You were each other's closest fit in this round."
        : Words.Capitalise(string.Join("; ", clauses)) + ".";
}
