using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Candidates;

/// <summary>
/// Finds each query person's k best allowed partners among an index's members, scoring at most a budget of
/// profiles per person, closest buckets first. Runs on all cores; each person's answer depends only on its own
/// inputs and the seed, so the result is the same however the work is split.
/// </summary>
internal static class CandidateSearch
{
    private const int Chunk = 256;

    /// <param name="queryIsFirst">True when the query is the scorer's first argument (the mentee when mentoring).</param>
    public static NeighbourLists Run(
        RoundPool pool,
        CompatibilityScorer scorer,
        int[] queries,
        CandidateIndex index,
        Func<int, int> topKOf,
        bool queryIsFirst,
        int seed)
    {
        var members = index.Members;
        var localOf = new int[pool.Count];
        Array.Fill(localOf, -1);
        for (var i = 0; i < members.Length; i++)
        {
            localOf[members[i]] = i;
        }

        var stride = 1;
        foreach (var q in queries)
        {
            stride = Math.Max(stride, topKOf(q));
        }

        var result = new NeighbourLists(queries.Length, stride);
        var budget = pool.Options.Limits.ScanBudget;
        var chunks = (queries.Length + Chunk - 1) / Chunk;
        Parallel.For(
            0,
            chunks,
            () => new Scratch(members.Length, stride),
            (chunk, _, scratch) =>
            {
                var end = Math.Min(queries.Length, (chunk + 1) * Chunk);
                for (var qi = chunk * Chunk; qi < end; qi++)
                {
                    Search(qi, scratch);
                }

                return scratch;
            },
            _ => { });
        return result;

        void Search(int qi, Scratch scratch)
        {
            var q = queries[qi];
            var mark = ++scratch.Mark;
            var stamp = scratch.Stamp;
            foreach (var partner in pool.Forbidden.PartnersOf(q))
            {
                if (localOf[partner] >= 0)
                {
                    stamp[localOf[partner]] = mark;
                }
            }

            if (localOf[q] >= 0)
            {
                stamp[localOf[q]] = mark;
            }

            var top = scratch.Top;
            top.Clear();
            var k = topKOf(q);
            var scanned = 0;
            for (var tier = 0; tier <= CandidateIndex.Tiers && scanned < budget; tier++)
            {
                if (tier == CandidateIndex.Tiers)
                {
                    // Nobody close enough: fall back to the whole side, so even an unusual profile gets candidates.
                    if (top.Count >= k)
                    {
                        break;
                    }

                    Scan(members.Length, null);
                    break;
                }

                scratch.Keys.Clear();
                CandidateIndex.AddKeys(pool.Features, q, tier, scratch.Keys);
                foreach (var key in scratch.Keys)
                {
                    if (scanned >= budget)
                    {
                        break;
                    }

                    if (index.TryGetPosting(key, out var posting))
                    {
                        Scan(posting.Length, posting);
                    }
                }
            }

            var offset = qi * stride;
            var count = Math.Min(top.Count, k);
            result.Count[qi] = count;
            for (var r = 0; r < count; r++)
            {
                result.Item[offset + r] = top.Item(r);
                result.Points[offset + r] = top.Points(r);
            }

            void Scan(int length, int[]? posting)
            {
                // Start at a seeded offset so a cut-off by the budget does not always favour the same people.
                var start = (int)(SeededHash.Of(seed, q, length) % (ulong)length);
                for (var i = 0; i < length && scanned < budget; i++)
                {
                    var pos = start + i;
                    if (pos >= length)
                    {
                        pos -= length;
                    }

                    var local = posting is null ? pos : posting[pos];
                    if (stamp[local] == mark)
                    {
                        continue;
                    }

                    stamp[local] = mark;
                    var t = members[local];
                    var points = queryIsFirst ? scorer.Points(q, t) : scorer.Points(t, q);
                    top.Offer(points, (uint)SeededHash.Of(seed, Math.Min(q, t), Math.Max(q, t)), local);
                    scanned++;
                }
            }
        }
    }

    private sealed class Scratch(int members, int stride)
    {
        public int[] Stamp { get; } = new int[members];

        public int Mark { get; set; }

        public TopK Top { get; } = new(stride);

        public List<long> Keys { get; } = [];
    }
}
