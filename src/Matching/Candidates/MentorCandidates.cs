using System.Runtime.CompilerServices;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Candidates;

/// <summary>
/// Builds the mentee–mentor candidate graph: every allowed pair in <see cref="CandidateMode.All"/>; otherwise the
/// union of each mentee's best mentors and each mentor's best mentees (see <see cref="CandidateLimits"/>).
/// </summary>
internal static class MentorCandidates
{
    private const int DeduplicateChunk = 2048;

    public static BipartiteGraph Build(RoundPool pool, CompatibilityScorer scorer, int[] mentees, int[] mentors)
    {
        var options = pool.Options;
        return options.Candidates == CandidateMode.All
            ? AllPairs(pool, scorer, mentees, mentors)
            : Sparse(pool, scorer, mentees, mentors, options.Limits, options.Seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BipartiteGraph Sparse(RoundPool pool, CompatibilityScorer scorer, int[] mentees, int[] mentors, CandidateLimits limits, int seed)
    {
        // The two indexes are independent: built side by side.
        CandidateIndex? mentorIndex = null, menteeIndex = null;
        Parallel.Invoke(() => mentorIndex = new CandidateIndex(pool.Features, mentors), () => menteeIndex = new CandidateIndex(pool.Features, mentees));
        var forMentees = CandidateSearch.Run(pool, scorer, mentees, mentorIndex!, _ => limits.MenteeTopK, queryIsFirst: true, seed);
        var capacity = pool.People;
        var forMentors = CandidateSearch.Run(
            pool, scorer, mentors, menteeIndex!, m => Math.Max(limits.MentorTopK, 2 * capacity[m].Capacity), queryIsFirst: false, seed);

        // Union per mentee: its own picks plus every mentor that picked it.
        var count = new int[mentees.Length + 1];
        for (var i = 0; i < mentees.Length; i++)
        {
            count[i] = forMentees.Count[i];
        }

        for (var r = 0; r < mentors.Length; r++)
        {
            for (var x = 0; x < forMentors.Count[r]; x++)
            {
                count[forMentors.Item[(r * forMentors.Stride) + x]]++;
            }
        }

        var start = new int[mentees.Length + 1];
        for (var i = 0; i < mentees.Length; i++)
        {
            start[i + 1] = start[i] + count[i];
        }

        var fill = (int[])start.Clone();
        var right = new int[start[^1]];
        var points = new int[start[^1]];
        for (var i = 0; i < mentees.Length; i++)
        {
            for (var x = 0; x < forMentees.Count[i]; x++)
            {
                right[fill[i]] = forMentees.Item[(i * forMentees.Stride) + x];
                points[fill[i]++] = forMentees.Points[(i * forMentees.Stride) + x];
            }
        }

        for (var r = 0; r < mentors.Length; r++)
        {
            for (var x = 0; x < forMentors.Count[r]; x++)
            {
                var i = forMentors.Item[(r * forMentors.Stride) + x];
                right[fill[i]] = r;
                points[fill[i]++] = forMentors.Points[(r * forMentors.Stride) + x];
            }
        }

        return Deduplicate(start, right, points);
    }

    private static BipartiteGraph AllPairs(RoundPool pool, CompatibilityScorer scorer, int[] mentees, int[] mentors)
    {
        var mentorLocal = new int[pool.Count];
        Array.Fill(mentorLocal, -1);
        for (var r = 0; r < mentors.Length; r++)
        {
            mentorLocal[mentors[r]] = r;
        }

        // Rows have the same length up to forbidden partners and self, so count first and fill in parallel.
        var start = new int[mentees.Length + 1];
        for (var i = 0; i < mentees.Length; i++)
        {
            var q = mentees[i];
            var excluded = mentorLocal[q] >= 0 ? 1 : 0;
            foreach (var partner in pool.Forbidden.PartnersOf(q))
            {
                excluded += mentorLocal[partner] >= 0 ? 1 : 0;
            }

            start[i + 1] = start[i] + mentors.Length - excluded;
        }

        var right = new int[start[^1]];
        var points = new int[start[^1]];
        Parallel.For(0, mentees.Length, i =>
        {
            var q = mentees[i];
            var at = start[i];
            var forbidden = pool.Forbidden.PartnersOf(q);
            for (var r = 0; r < mentors.Length; r++)
            {
                var m = mentors[r];
                if (m == q || (forbidden.Length > 0 && forbidden.BinarySearch(m) >= 0))
                {
                    continue;
                }

                right[at] = r;
                points[at++] = scorer.Points(q, m);
            }
        });
        return new BipartiteGraph(start, right, points);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BipartiteGraph Deduplicate(int[] start, int[] right, int[] points)
    {
        // Each row is sorted and stripped of repeats in place, rows on all cores; then the rows are packed in order.
        var rows = start.Length - 1;
        var kept = new int[rows];
        Parallel.For(0, (rows + DeduplicateChunk - 1) / DeduplicateChunk, chunk =>
        {
            var end = Math.Min(rows, (chunk + 1) * DeduplicateChunk);
            for (var i = chunk * DeduplicateChunk; i < end; i++)
            {
                var from = start[i];
                var length = start[i + 1] - from;
                Array.Sort(right, points, from, length);
                var at = from;
                for (var x = from; x < from + length; x++)
                {
                    if (x > from && right[x] == right[x - 1])
                    {
                        continue;
                    }

                    right[at] = right[x];
                    points[at++] = points[x];
                }

                kept[i] = at - from;
            }
        });

        var newStart = new int[start.Length];
        for (var i = 0; i < rows; i++)
        {
            newStart[i + 1] = newStart[i] + kept[i];
        }

        var newRight = new int[newStart[^1]];
        var newPoints = new int[newStart[^1]];
        for (var i = 0; i < rows; i++)
        {
            Array.Copy(right, start[i], newRight, newStart[i], kept[i]);
            Array.Copy(points, start[i], newPoints, newStart[i], kept[i]);
        }

        return new BipartiteGraph(newStart, newRight, newPoints);
    }
}
