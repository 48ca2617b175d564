using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Explanations;

/// <summary>
/// Writes the one sentence that tells a pair or pod why they were matched, from the facts that drove the score:
/// what they teach, what they care about, experience, and when they can meet (across time zones).
/// </summary>
internal sealed class ExplanationWriter(PoolFeatures pool)
{
    /// <summary>"You both teach 7th-grade math and care about classroom management; Ben has 8 more years in the classroom; you overlap Tuesday after school."</summary>
    public string ForMentoring(int mentee, int mentor)
    {
        var clauses = new List<string>();
        var teaching = Teaching([mentee, mentor]);
        var focus = Shared(pool.FocusIds, [mentee, mentor], pool.Focus);
        if (teaching is not null && focus.Count > 0)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What} and care about {Topics(focus.Tokens)}");
        }
        else if (teaching is not null)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What}");
        }
        else if (focus.Count > 0)
        {
            clauses.Add($"you both care about {Topics(focus.Tokens)}");
        }

        var gap = pool.Years[mentor] - pool.Years[mentee];
        if (gap > 0)
        {
            var name = Words.FirstName(pool.People[mentor].Name, "your mentor");
            clauses.Add($"{name} has {gap} more year{(gap == 1 ? "" : "s")} in the classroom");
        }

        AddMeeting(clauses, [mentee, mentor]);
        return Sentence(clauses);
    }

    /// <summary>"You all teach 9th–12th-grade science and want help with SEL; you all overlap Thursday after school."</summary>
    public string ForPeers(IReadOnlyList<int> members)
    {
        var clauses = new List<string>();
        var teaching = Teaching(members);
        var focus = Shared(pool.FocusIds, members, pool.Focus);
        var focusWho = focus.Count > 0 ? Words.WhoOf(focus.Count, members.Count) : null;
        if (teaching is not null && focus.Count > 0 && focusWho == teaching.Value.Who)
        {
            clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What} and want help with {Topics(focus.Tokens)}");
        }
        else
        {
            if (teaching is not null)
            {
                clauses.Add($"{teaching.Value.Who} teach {teaching.Value.What}");
            }

            if (focus.Count > 0)
            {
                clauses.Add($"{focusWho} want help with {Topics(focus.Tokens)}");
            }
        }

        AddMeeting(clauses, members);
        return Sentence(clauses);
    }

    private (string Who, string What)? Teaching(IReadOnlyList<int> members)
    {
        var subjects = Shared(pool.SubjectIds, members, pool.Subjects);
        var grades = Shared(pool.GradeIds, members, pool.Grades);
        if (subjects.Count > 0 && grades.Count == subjects.Count && SameGroup(members, subjects.Tokens[0], grades.Tokens[0]))
        {
            var what = $"{Words.JoinAnd([.. grades.Tokens.Select(Words.GradeAdjective)])} {Topics(subjects.Tokens)}";
            return (Words.WhoOf(subjects.Count, members.Count), what);
        }

        if (subjects.Count > 0 && subjects.Count >= grades.Count)
        {
            return (Words.WhoOf(subjects.Count, members.Count), Topics(subjects.Tokens));
        }

        if (grades.Count > 0)
        {
            return (Words.WhoOf(grades.Count, members.Count), Words.JoinAnd([.. grades.Tokens.Select(Words.GradeNoun)]));
        }

        return null;
    }

    /// <summary>True when the people sharing the subject are the people sharing the grade band.</summary>
    private bool SameGroup(IReadOnlyList<int> members, string subject, string grade)
    {
        pool.Subjects.TryGet(subject, out var s);
        pool.Grades.TryGet(grade, out var g);
        return members.All(m => pool.SubjectIds[m].Contains(s) == pool.GradeIds[m].Contains(g));
    }

    /// <summary>The tokens held by the most members (at least two), and how many hold them; at most two tokens.</summary>
    private static (int Count, string[] Tokens) Shared(int[][] ids, IReadOnlyList<int> members, TokenVocabulary vocabulary)
    {
        var counts = new Dictionary<int, int>();
        foreach (var m in members)
        {
            foreach (var id in ids[m])
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        var best = counts.Count == 0 ? 0 : counts.Values.Max();
        if (best < 2)
        {
            return (0, []);
        }

        return (best, [.. counts.Where(kv => kv.Value == best).Select(kv => kv.Key).Order().Take(2).Select(id => vocabulary[id])]);
    }

    private void AddMeeting(List<string> clauses, IReadOnlyList<int> members)
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

        var times = members.Select((m, i) => $"{Words.Clock(locals[i].Time)} for {Words.FirstName(pool.People[m].Name, "one of you")}").ToList();
        clauses.Add($"{who} overlap {first.Day} at {Words.JoinAnd(times)}");
    }

    private static string Topics(IReadOnlyList<string> tokens) => Words.JoinAnd([.. tokens.Select(Words.Topic)]);

    private static string Sentence(List<string> clauses) => clauses.Count == 0
        ? "You were each other's closest fit in this round."
        : Words.Capitalise(string.Join("; ", clauses)) + ".";
}
