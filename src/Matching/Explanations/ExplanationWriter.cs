using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Explanations;

/// <summary>
/// Writes the one sentence that tells a pair or pod why they were matched, from the facts that drove the score:
/// what they teach, what they care about, experience, and when they can meet (across time zones). Each token's words
/// are worked out once per pool, and each sentence is written straight into a reused buffer: a state-sized round
/// writes tens of thousands of these sentences, and each costs the collector one string.
/// </summary>
internal sealed partial class ExplanationWriter(PoolFeatures pool)
{
    private readonly string[] _subjectTopics = WordsFor(pool.Subjects, Words.Topic);
    private readonly string[] _focusTopics = WordsFor(pool.Focus, Words.Topic);
    private readonly string[] _gradeAdjectives = WordsFor(pool.Grades, Words.GradeAdjective);
    private readonly string[] _gradeNouns = WordsFor(pool.Grades, Words.GradeNoun);

    private enum TeachingKind
    {
        None,
        GradesAndSubjects,
        Subjects,
        Grades,
    }

    /// <summary>"You both teach 7th-grade math and care about classroom management; Ben has 8 more years in the classroom; you overlap Tuesday after school."</summary>
    /// <param name="toMentor">Written for the mentor's own eyes (a proposal): "you have 8 more years", not their own name.</param>
    public string ForMentoring(int mentee, int mentor, bool toMentor = false)
    {
        ReadOnlySpan<int> members = [mentee, mentor];
        var s = SentenceBuffer.Start();
        var teaching = Teaching(members);
        var focus = Shared(pool.FocusIds, members);
        if (teaching.Kind != TeachingKind.None)
        {
            s.Clause();
            WriteTeaching(s, teaching, members.Length);
            if (focus.Count > 0)
            {
                s.Append(" and care about ");
                Join(s, focus, _focusTopics);
            }
        }
        else if (focus.Count > 0)
        {
            s.Clause();
            s.Append("you both care about ");
            Join(s, focus, _focusTopics);
        }

        var gap = pool.Years[mentor] - pool.Years[mentee];
        if (gap > 0)
        {
            s.Clause();
            if (toMentor)
            {
                s.Append("you have ");
            }
            else
            {
                s.Append(Words.FirstName(pool.People[mentor].Name.AsSpan(), "your mentor"));
                s.Append(" has ");
            }

            s.Append(gap);
            s.Append(gap == 1 ? " more year in the classroom" : " more years in the classroom");
        }

        AddMeeting(s, members, toMentor ? mentor : -1);
        return s.Finish();
    }

    /// <summary>"You all teach 9th–12th-grade science and want help with SEL; you all overlap Thursday after school."</summary>
    public string ForPeers(IReadOnlyList<int> members)
    {
        Span<int> all = members.Count <= 64 ? stackalloc int[members.Count] : new int[members.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = members[i];
        }

        return ForPeers(all);
    }

    private string ForPeers(ReadOnlySpan<int> members)
    {
        var s = SentenceBuffer.Start();
        var teaching = Teaching(members);
        var focus = Shared(pool.FocusIds, members);
        if (teaching.Kind != TeachingKind.None && focus.Count > 0 && focus.Count == teaching.Who)
        {
            s.Clause();
            WriteTeaching(s, teaching, members.Length);
            s.Append(" and want help with ");
            Join(s, focus, _focusTopics);
        }
        else
        {
            if (teaching.Kind != TeachingKind.None)
            {
                s.Clause();
                WriteTeaching(s, teaching, members.Length);
            }

            if (focus.Count > 0)
            {
                s.Clause();
                WriteWho(s, focus.Count, members.Length);
                s.Append(" want help with ");
                Join(s, focus, _focusTopics);
            }
        }

        AddMeeting(s, members, -1);
        return s.Finish();
    }

    /// <summary>What the members teach in common; <see cref="SharedTeaching.Who"/> counts who shares it.</summary>
    private SharedTeaching Teaching(ReadOnlySpan<int> members)
    {
        var subjects = Shared(pool.SubjectIds, members);
        var grades = Shared(pool.GradeIds, members);
        if (subjects.Count > 0 && grades.Count == subjects.Count && SameGroup(members, subjects.First, grades.First))
        {
            return new SharedTeaching(TeachingKind.GradesAndSubjects, subjects.Count, subjects, grades);
        }

        if (subjects.Count > 0 && subjects.Count >= grades.Count)
        {
            return new SharedTeaching(TeachingKind.Subjects, subjects.Count, subjects, grades);
        }

        return grades.Count > 0 ? new SharedTeaching(TeachingKind.Grades, grades.Count, subjects, grades) : default;
    }

    /// <summary>"you both teach 7th-grade math", "two of you teach grades 6–8".</summary>
    private void WriteTeaching(SentenceBuffer s, SharedTeaching teaching, int of)
    {
        WriteWho(s, teaching.Who, of);
        s.Append(" teach ");
        switch (teaching.Kind)
        {
            case TeachingKind.GradesAndSubjects:
                Join(s, teaching.Grades, _gradeAdjectives);
                s.Append(" ");
                Join(s, teaching.Subjects, _subjectTopics);
                break;
            case TeachingKind.Subjects:
                Join(s, teaching.Subjects, _subjectTopics);
                break;
            default:
                Join(s, teaching.Grades, _gradeNouns);
                break;
        }
    }

    /// <summary>"you both", "you all", "two of you".</summary>
    private static void WriteWho(SentenceBuffer s, int count, int of)
    {
        if (count == of)
        {
            s.Append(of == 2 ? "you both" : "you all");
            return;
        }

        s.Append(Words.Number(count));
        s.Append(" of you");
    }

    /// <summary>True when the people sharing the subject are the people sharing the grade band.</summary>
    private bool SameGroup(ReadOnlySpan<int> members, int subject, int grade)
    {
        foreach (var m in members)
        {
            if (pool.SubjectIds[m].AsSpan().Contains(subject) != pool.GradeIds[m].AsSpan().Contains(grade))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The token ids held by the most members (at least two), and how many hold them; at most two, lowest first.</summary>
    private static SharedIds Shared(int[][] ids, ReadOnlySpan<int> members)
    {
        // Each person's ids are sorted and distinct, and lists are short: count by merging rather than hashing.
        if (members.Length == 2)
        {
            return SharedByTwo(ids[members[0]], ids[members[1]]);
        }

        var total = 0;
        foreach (var m in members)
        {
            total += ids[m].Length;
        }

        Span<int> all = total <= 256 ? stackalloc int[total] : new int[total];
        var at = 0;
        foreach (var m in members)
        {
            ids[m].CopyTo(all[at..]);
            at += ids[m].Length;
        }

        all.Sort();
        var best = 0;
        var first = -1;
        var second = -1;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j] == all[i])
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

        return best < 2 ? default : new SharedIds(best, first, second);
    }

    /// <summary>The same for a pair: the first two ids both hold (lists sorted and distinct, so a merge finds them).</summary>
    private static SharedIds SharedByTwo(int[] a, int[] b)
    {
        int i = 0, j = 0, first = -1;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (a[i] > b[j])
            {
                j++;
            }
            else if (first < 0)
            {
                first = a[i];
                i++;
                j++;
            }
            else
            {
                return new SharedIds(2, first, a[i]);
            }
        }

        return first < 0 ? default : new SharedIds(2, first, -1);
    }

    /// <summary>One token's words, or two joined by "and".</summary>
    private static void Join(SentenceBuffer s, SharedIds shared, string[] words)
    {
        s.Append(words[shared.First]);
        if (shared.Second >= 0)
        {
            s.Append(" and ");
            s.Append(words[shared.Second]);
        }
    }

    private static string[] WordsFor(TokenVocabulary vocabulary, Func<string, string> words) =>
        [.. Enumerable.Range(0, vocabulary.Count).Select(id => words(vocabulary[id]))];

    /// <summary>Token ids held by the most members: <see cref="Count"/> members hold <see cref="First"/> (and <see cref="Second"/> when not -1).</summary>
    private readonly record struct SharedIds(int Count, int First, int Second);

    private readonly record struct SharedTeaching(TeachingKind Kind, int Who, SharedIds Subjects, SharedIds Grades);
}
