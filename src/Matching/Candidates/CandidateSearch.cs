using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
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
    private const int Ahead = 8;

    /// <param name="queryIsFirst">True when the query is the scorer's first argument (the mentee when mentoring).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NeighbourLists Run(
        RoundPool pool,
        CompatibilityScorer scorer,
        int[] queries,
        CandidateIndex index,
        Func<int, int> topKOf,
        bool queryIsFirst,
        int seed)
    {
        // Pool index → storage position in the index, to rule out the query itself and its forbidden partners.
        var storedAt = new int[pool.Count];
        Array.Fill(storedAt, -1);
        for (var at = 0; at < index.Count; at++)
        {
            storedAt[index.Person[at]] = at;
        }

        var topK = new int[queries.Length];
        var stride = 1;
        for (var qi = 0; qi < queries.Length; qi++)
        {
            topK[qi] = topKOf(queries[qi]);
            stride = Math.Max(stride, topK[qi]);
        }

        var result = new NeighbourLists(queries.Length, stride);
        var chunks = (queries.Length + Chunk - 1) / Chunk;
        Parallel.For(
            0,
            chunks,
            () => new Searcher(pool, scorer, index, storedAt, stride, queryIsFirst, seed),
            (chunk, _, searcher) =>
            {
                var end = Math.Min(queries.Length, (chunk + 1) * Chunk);
                for (var qi = chunk * Chunk; qi < end; qi++)
                {
                    searcher.Search(queries[qi], topK[qi]);
                    searcher.CopyTo(result, qi, topK[qi]);
                }

                return searcher;
            },
            _ => { });
        return result;
    }

    /// <summary>One thread's search state: stamps mark who was already scored (or ruled out) for the current query.</summary>
    private sealed class Searcher(
        RoundPool pool, CompatibilityScorer scorer, CandidateIndex index, int[] storedAt, int stride, bool queryIsFirst, int seed)
    {
        // One byte a person keeps the stamps in the core's own cache at state scale; cleared once every 255 queries.
        private readonly byte[] _stamp = new byte[index.Count];
        private readonly int _budget = pool.Options.Limits.ScanBudget;
        private readonly TopK _top = new(stride);
        private readonly List<long> _keys = [];
        private readonly int[] _tokensFrom = TokensFrom(scorer);
        private readonly int[] _mostExperience = MostExperience(scorer, index, queryIsFirst);
        private readonly int[] _bestFrom = new int[CandidateIndex.Tiers + 1];
        private int _mark;
        private int _scanned;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Search(int q, int k)
        {
            if (_mark == byte.MaxValue)
            {
                Array.Clear(_stamp);
                _mark = 0;
            }

            var mark = (byte)++_mark;
            foreach (var partner in pool.Forbidden.PartnersOf(q))
            {
                if (storedAt[partner] >= 0)
                {
                    _stamp[storedAt[partner]] = mark;
                }
            }

            if (storedAt[q] >= 0)
            {
                _stamp[storedAt[q]] = mark;
            }

            // This person's own bounds: what the indexed side could bring them besides subjects, grades and focus.
            ref readonly var row = ref pool.Features.Rows[q];
            var rest = _mostExperience[row.Years] + scorer.MostScheduleAndSchool(in row, index.Offsets, index.AnySlots);
            for (var t = 0; t <= CandidateIndex.Tiers; t++)
            {
                _bestFrom[t] = _tokensFrom[t] + rest;
            }

            _top.Clear();
            _scanned = 0;
            for (var tier = 0; tier < CandidateIndex.Tiers && _scanned < _budget && _bestFrom[tier] >= _top.Threshold; tier++)
            {
                _keys.Clear();
                CandidateIndex.AddKeys(pool.Features, q, tier, _keys);
                foreach (var key in _keys)
                {
                    if (_scanned < _budget && _bestFrom[tier] >= _top.Threshold && index.TryGetPosting(key, out var posting))
                    {
                        Scan(q, mark, posting, posting.Length, _bestFrom[tier]);
                    }
                }
            }

            if (_scanned < _budget && _bestFrom[CandidateIndex.Tiers] >= _top.Threshold)
            {
                // Budget left (a small pool, or an unusual profile): the rest of the side, so small pools get the exact top-k.
                Scan(q, mark, null, index.Count, _bestFrom[CandidateIndex.Tiers]);
            }
        }

        /// <summary>
        /// The most subject, grade and focus points of anyone first met in tier t or later (index <see cref="CandidateIndex.Tiers"/>:
        /// the rest of the side); a query's bound adds what the side can bring it in experience, schedule and school. Someone first met in tier 1 shares no focus area with the query (else tier 0 had them), in tier 2
        /// no grade band, in tier 3 no subject, and in the rest neither subject nor grade band. When the k-th best
        /// found so far beats the bound, nobody further on can enter the top k, so the search stops with the same answer,
        /// even in the middle of a bucket.
        /// </summary>
        private static int[] TokensFrom(CompatibilityScorer scorer)
        {
            int[] tier =
            [
                scorer.MostTokenPoints(subject: true, grade: true, focus: true),
                scorer.MostTokenPoints(subject: true, grade: true, focus: false),
                scorer.MostTokenPoints(subject: true, grade: false, focus: true),
                scorer.MostTokenPoints(subject: false, grade: true, focus: true),
                scorer.MostTokenPoints(subject: false, grade: false, focus: true),
            ];
            for (var t = tier.Length - 2; t >= 0; t--)
            {
                tier[t] = Math.Max(tier[t], tier[t + 1]);
            }

            return tier;
        }

        /// <summary>For each number of years a query can have (0–60), the most experience points the indexed side can bring.</summary>
        private static int[] MostExperience(CompatibilityScorer scorer, CandidateIndex index, bool queryIsFirst)
        {
            var most = new int[64];
            for (var years = 0; years < most.Length; years++)
            {
                most[years] = scorer.MostExperience(years, queryIsFirst, index.Years);
            }

            return most;
        }

        public void CopyTo(NeighbourLists result, int qi, int k)
        {
            var offset = qi * result.Stride;
            var count = Math.Min(_top.Count, k);
            result.Count[qi] = count;
            var localAt = index.LocalAt;
            for (var r = 0; r < count; r++)
            {
                // The top k holds storage positions; the answer is in the callers' numbering.
                result.Item[offset + r] = localAt[_top.Item(r)];
                result.Points[offset + r] = _top.Points(r);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Scan(int q, byte mark, int[]? posting, int length, int bound)
        {
            if (length == 0)
            {
                return;
            }

            var stamp = _stamp;
            var wide = pool.Features.Wide;
            var people = index.Person;
            var rows = index.Rows;
            // The rows carry their pool index unless the pool is too big for it.
            var personInRow = pool.Count <= FeatureRow.MaxPerson + 1;
            var slotTable = index.ManyFreeWords ? index.Slots : null;
            ref readonly var row = ref pool.Features.Rows[q];
            var ownSlots = pool.Features.SlotsOf(q);
            var top = _top;
            var scanned = _scanned;
            var budget = _budget;
            var threshold = top.Threshold;

            // Start at a seeded offset so a cut-off by the budget does not always favour the same people.
            var pos = (int)(SeededHash.Of(seed, q, length) % (ulong)length);
            for (var i = 0; i < length && scanned < budget; i++, pos++)
            {
                if (pos == length)
                {
                    pos = 0;
                }

                if (posting is not null && Ahead < length)
                {
                    // A bucket's people are spread over the index: ask for the row scored a few steps on now, so it is
                    // in cache by then (the search is bound by memory, not arithmetic).
                    var ahead = pos + Ahead;
                    var next = posting[ahead < length ? ahead : ahead - length];
                    if (stamp[next] != mark)
                    {
                        Prefetch(ref rows[next]);
                        if (slotTable is not null)
                        {
                            // Words past the row's own three: the slot table's lines for this person.
                            PrefetchWords(ref slotTable[(next * PoolFeatures.SlotWords) + FeatureRow.InlineWords]);
                        }
                    }
                }

                var at = posting is null ? pos : posting[pos];
                if (stamp[at] == mark)
                {
                    continue;
                }

                stamp[at] = mark;
                scanned++;
                // Pool indices matter only to the wide path and the tie-break; the rows hold the rest.
                ref readonly var theirs = ref rows[at];
                var t = wide ? people[at] : -1;
                var theirSlots = index.SlotsAt(at, in theirs);
                var points = scorer.QueryPointsAtLeast(threshold, queryIsFirst, q, in row, ownSlots, t, in theirs, theirSlots);
                if (points >= threshold)
                {
                    // The tie-break's pool index comes from the row just scored (in cache); the top k keeps the storage position.
                    t = personInRow ? theirs.Person : people[at];
                    top.Offer(points, (uint)SeededHash.Of(seed, Math.Min(q, t), Math.Max(q, t)), at);
                    threshold = top.Threshold;
                    if (threshold > bound)
                    {
                        // Nobody left in this tier or beyond can reach the k-th best.
                        break;
                    }
                }
            }

            _scanned = scanned;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void PrefetchWords(ref ulong first)
        {
            if (Sse.IsSupported)
            {
                // The words from the fourth to the last of one person (64 bytes: at most two lines).
                var at = (byte*)Unsafe.AsPointer(ref first);
                Sse.Prefetch0(at);
                Sse.Prefetch0(at + ((PoolFeatures.SlotWords - FeatureRow.InlineWords) * sizeof(ulong)) - 1);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Prefetch(ref FeatureRow row)
        {
            if (Sse.IsSupported)
            {
                // Both cache lines a 64-byte row may straddle; a prefetch never faults, even if the array has moved since.
                var at = (byte*)Unsafe.AsPointer(ref row);
                Sse.Prefetch0(at);
                Sse.Prefetch0(at + sizeof(FeatureRow) - 1);
            }
        }
    }
}
