using System.Diagnostics;
using System.Globalization;
using PeerBot.Matching.Benchmarks;
using PeerBot.Matching.Candidates;
using PeerBot.Matching.Pairing;
using PeerBot.Matching.Pods;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Support;

// Usage: PeerBot.Matching.Benchmarks [--write path/to/BENCHMARKS.md]   (the state-sized run happens in a child process)
//        PeerBot.Matching.Benchmarks phases <scale> [scan budget]   (a mentor round of scale × 10k × 3k, phase by phase)
//        PeerBot.Matching.Benchmarks shapes [--people 13000,130000] [--shapes state,…] [--input roster.jsonl [--history h.csv]]
//                                           [--runs 3] [--pods no] [--table out.md] [--bot PeerBot.Bot.dll|peerbot-match]   (whole `match` processes)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var today = new DateOnly(2026, 9, 14);
var options = new RoundOptions { Today = today };
if (args is ["shapes", ..])
{
    return ShapeBenchmark.Run(args[1..]);
}

if (args is ["candidates-shape", var candShape, var candCount, var candRuns])
{
    // The candidate search alone, several times on one pool (CPU per run, and a checksum of the graph).
    var candPeople = PopulationShape.Named(candShape).Generate(int.Parse(candCount, CultureInfo.InvariantCulture), 1);
    var candPool = new RoundPool(candPeople, options);
    var candScorer = candPool.Scorer(PairingKind.Mentoring);
    var candMentees = Enumerable.Range(0, candPool.Count).Where(i => candPool.People[i].WantsMentor).ToArray();
    var candMentors = Enumerable.Range(0, candPool.Count).Where(i => candPool.People[i].Mentors && candPool.People[i].Capacity > 0).ToArray();
    for (var run = 0; run < int.Parse(candRuns, CultureInfo.InvariantCulture); run++)
    {
        var (g, ms, cpuMs) = Measure.Time(1, warmUp: false, work: () => MentorCandidates.Build(candPool, candScorer, candMentees, candMentors));
        var sum = 0L;
        for (var e = 0; e < g.EdgeCount; e++)
        {
            sum = (sum * 31) + (g.Right[e] * 1009L) + g.Points[e];
        }

        Console.WriteLine($"candidates {ms:0} ms (CPU {cpuMs:0} ms), {g.EdgeCount:N0} edges, checksum {sum}");
    }

    return 0;
}

if (args is ["solve-shape", var shapeName, var countArg, ..])
{
    // Where a shape's round goes, in CPU time as well (the box is shared): candidates, then the solve under three schedules.
    var shapePeople = PopulationShape.Named(shapeName).Generate(int.Parse(countArg, CultureInfo.InvariantCulture), 1);
    var (shapePool, poolMs, poolCpu) = Measure.Time(1, warmUp: false, work: () => new RoundPool(shapePeople, options));
    Console.WriteLine($"pool {poolMs:0} ms (CPU {poolCpu:0} ms)");
    var shapeScorer = shapePool.Scorer(PairingKind.Mentoring);
    var shapeMentees = Enumerable.Range(0, shapePool.Count).Where(i => shapePool.People[i].WantsMentor).ToArray();
    var shapeMentors = Enumerable.Range(0, shapePool.Count).Where(i => shapePool.People[i].Mentors && shapePool.People[i].Capacity > 0).ToArray();
    var shapeCapacity = shapeMentors.Select(m => shapePool.People[m].Capacity).ToArray();
    var (shapeGraph, candidatesMs, candidatesCpu) = Measure.Time(1, warmUp: false, work: () => MentorCandidates.Build(shapePool, shapeScorer, shapeMentees, shapeMentors));
    Console.WriteLine($"candidates {candidatesMs:0} ms (CPU {candidatesCpu:0} ms), {shapeGraph.EdgeCount:N0} edges");
    foreach (var crowded in args.Length > 3 ? args[3..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : [Transportation.CrowdedSearch, 0, int.MaxValue])
    {
        var (picked, solveMs, solveCpu) = Measure.Time(1, warmUp: false, work: () => MinCostAssignment.Solve(shapeGraph, shapeCapacity, 0, crowded));
        Console.WriteLine($"solve crowded={crowded}: {solveMs:0} ms (CPU {solveCpu:0} ms), {picked.Count(c => c >= 0)} matched, {picked.Where(c => c >= 0).Sum(c => (long)shapeGraph.Points[c])} points");
    }

    var (round, roundMs, roundCpu) = Measure.Time(1, warmUp: false, work: () => MentorAssignment.Solve(shapePeople, options));
    Console.WriteLine($"whole round (pool, candidates, solve, sentences, result) {roundMs:0} ms (CPU {roundCpu:0} ms), {round.Stats.Matched} matched, total {round.TotalScore:N2}");
    return 0;
}

if (args is ["pods-phases", var podCountArg, ..])
{
    // Where a pods round's time and memory go, phase by phase (for tuning; not written to BENCHMARKS.md).
    var podPeople = PopulationShape.Named(args.Length > 2 ? args[2] : "state").Generate(int.Parse(podCountArg, CultureInfo.InvariantCulture), 1)
        .Select(p => p with { Role = PeerBot.Matching.Profiles.MentoringRole.Peer, Capacity = 0 }).ToList();
    var podOptions = options with { PodSize = 4 };
    var clock = Stopwatch.StartNew();
    var cpuClock = Process.GetCurrentProcess();
    void Phase(string name)
    {
        cpuClock.Refresh();
        Console.WriteLine($"{name,-12} {clock.ElapsedMilliseconds,8} ms  cpu {cpuClock.TotalProcessorTime.TotalMilliseconds,8:0} ms  heap {GC.GetTotalMemory(false) / 1048576,6} MB  peak {Measure.PeakMegabytes(),6:0} MB");
    }

    Phase("start");
    var podPool = new RoundPool(podPeople, podOptions);
    Phase("pool");
    var podScorer = podPool.Scorer(PairingKind.Peer);
    Phase("scorer");
    var podEveryone = Enumerable.Range(0, podPool.Count).ToArray();
    var podIndex = new CandidateIndex(podPool.Features, podEveryone);
    Phase("index");
    CandidateSearch.Run(podPool, podScorer, podEveryone, podIndex, _ => podOptions.Limits.PeerTopK, queryIsFirst: true, podOptions.Seed);
    Phase("search");
    var podGraph = PeerCandidates.Build(podPool, podScorer);
    Phase($"graph {podGraph.EdgeCount}");
    {
        var pe = new List<(int A, int B, long Weight)>(podGraph.EdgeCount);
        for (var e = 0; e < podGraph.EdgeCount; e++)
        {
            pe.Add((podGraph.A[e], podGraph.B[e], podGraph.Points[e]));
        }

        var pm = PodComposer.SeededMatching(podPool.Count, pe, podOptions.Seed);
        Phase($"pairs {pm.Count(m => m >= 0)}");
    }

    var layout = new PodLayout(podPool, podScorer);
    PodComposer.Compose(layout, podGraph, podPool.Count, 4, podOptions.Seed);
    Phase("compose");
    var minimum = PodSizing.Minimum(podPool.Count, 4);
    var left = new PodRepair(layout, podGraph, minimum, PodSizing.Maximum(4), 4, podOptions.Seed).Run();
    Phase($"repair {left.Count}");
    new PodImprover(layout, podGraph, minimum, PodSizing.Maximum(4), 4).Run(SeededHash.Permutation(podPool.Count, podOptions.Seed));
    Phase("improve");
    var built = PodBuilder.Build(podPeople, podOptions);
    Phase($"whole {built.Pods.Count} pods {built.Unplaced.Count} left, mean pair score {built.Stats.MeanPairScore}");
    if (args.Length > 3)
    {
        var exact = PodBuilder.Build(podPeople, podOptions, int.Parse(args[3], CultureInfo.InvariantCulture));
        Phase($"limit {args[3]}: {exact.Pods.Count} pods {exact.Unplaced.Count} left, mean pair score {exact.Stats.MeanPairScore}");
    }
    return 0;
}

if (args is ["large"])
{
    MentorAssignment.Solve(Population.Mentoring(10_000, 3_000, 2), options);
    var state = Population.Mentoring(100_000, 30_000, 1);
    var (_, firstMs, _) = Measure.Time(1, () => MentorAssignment.Solve(state, options), warmUp: false);
    var peak = Measure.PeakMegabytes();
    var (round, ms, cpu) = Measure.Time(3, () => MentorAssignment.Solve(state, options), warmUp: false);
    Console.WriteLine($"LARGE {ms:0} {cpu:0} {round.Stats.Matched} {round.Stats.Seats} {round.Stats.CandidateEdges} {peak:0} {firstMs:0}");
    return 0;
}

if (args is ["phases", var sizeArg, ..])
{
    if (args.Length > 2)
    {
        options = options with { Limits = new CandidateLimits { ScanBudget = int.Parse(args[2], CultureInfo.InvariantCulture) } };
    }

    // Where a mentor round's time goes, phase by phase (for tuning; not written to BENCHMARKS.md).
    var scale = int.Parse(sizeArg, CultureInfo.InvariantCulture);
    MentorAssignment.Solve(Population.Mentoring(10_000, 3_000, 2), options);
    var everyone = Population.Mentoring(10_000 * scale, 3_000 * scale, 1);
    for (var run = 0; run < 3; run++)
    {
        var clock = Stopwatch.StartNew();
        var phasePool = new RoundPool(everyone, options);
        var tPool = clock.ElapsedMilliseconds;
        var phaseScorer = phasePool.Scorer(PairingKind.Mentoring);
        var phaseMentees = Enumerable.Range(0, phasePool.Count).Where(i => phasePool.People[i].WantsMentor).ToArray();
        var phaseMentors = Enumerable.Range(0, phasePool.Count).Where(i => phasePool.People[i].Mentors && phasePool.People[i].Capacity > 0).ToArray();
        var phaseCapacity = phaseMentors.Select(m => phasePool.People[m].Capacity).ToArray();
        var phaseGraph = MentorCandidates.Build(phasePool, phaseScorer, phaseMentees, phaseMentors);
        var tCandidates = clock.ElapsedMilliseconds;
        var chosen = MinCostAssignment.Solve(phaseGraph, phaseCapacity, 0);
        var tSolve = clock.ElapsedMilliseconds;
        var whole = MentorAssignment.Solve(everyone, options);
        var tWhole = clock.ElapsedMilliseconds;
        Console.WriteLine($"pool {tPool} ms, candidates {tCandidates - tPool} ms ({phaseGraph.EdgeCount:N0} edges), solve {tSolve - tCandidates} ms ({chosen.Count(c => c >= 0)} matched), whole round {tWhole - tSolve} ms ({whole.Stats.Matched} matched, total {whole.TotalScore:N2})");
    }

    return 0;
}

var rows = new List<string>();
void Row(string what, string measured, string target, string note)
{
    rows.Add($"| {what} | {measured} | {target} | {note} |");
    Console.WriteLine($"{what}: {measured} ({note})");
}

var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

// Mentor mode, 10k mentees × 3k mentors.
var people = Population.Mentoring(10_000, 3_000, 1);
var (sparse, sparseMs, sparseCpu) = Measure.Time(3, () => MentorAssignment.Solve(people, options));
Row("Mentors 10k × 3k, profiles → pairs (sparse)", Measure.Ms(sparseMs), "≤ 0.5 s",
    $"CPU {Measure.Ms(sparseCpu)}; {sparse.Stats.Matched} of {sparse.Stats.Mentees} matched ({sparse.Stats.Seats} seats), {sparse.Stats.CandidateEdges:N0} candidate edges, mean {sparse.Stats.MeanScore}");

var pool = new RoundPool(people, options);
var scorer = pool.Scorer(PairingKind.Mentoring);
var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
var mentors = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors).ToArray();
var capacity = mentors.Select(m => pool.People[m].Capacity).ToArray();
var graph = MentorCandidates.Build(pool, scorer, mentees, mentors);
var (own, ownMs, _) = Measure.Time(3, () => MinCostAssignment.Solve(graph, capacity, 0));
var ownPairs = own.Count(e => e >= 0);
var ownPoints = own.Where(e => e >= 0).Sum(e => (long)graph.Points[e]);
var (reference, referenceMs, _) = Measure.Time(1, () => OrToolsReference.Solve(graph, capacity), warmUp: false);
Row("Exact solver vs OR-Tools min-cost flow, same 10k × 3k graph", (ownPairs, ownPoints) == reference ? "equal" : "DIFFERENT",
    "equal", $"{ownPairs} pairs, {ownPoints / 100.0:N2} points both; solve {Measure.Ms(ownMs)} here vs {Measure.Ms(referenceMs)} OR-Tools");

var allGraph = MentorCandidates.Build(new RoundPool(people, options with { Candidates = CandidateMode.All }), scorer, mentees, mentors);
var (all, allMs, _) = Measure.Time(1, () => OrToolsReference.Solve(allGraph, capacity), warmUp: false);
Row("Sparse total vs all-pairs optimum, 10k × 3k", $"{100.0 * ownPoints / all.Points:0.000}%", "≥ 99.9%",
    $"all pairs: {allGraph.EdgeCount:N0} edges, {all.Pairs} pairs, {all.Points / 100.0:N2} points (OR-Tools, {Measure.Ms(allMs)}); sparse: {ownPairs} pairs");

var greedyAll = Baselines.GreedyMentoring(allGraph, capacity);
var greedySparse = Baselines.GreedyMentoring(graph, capacity);
var random = Baselines.RandomMentoring(pool, scorer, mentees, mentors, 1);
string Mean((int Pairs, long Points) r) => $"{r.Points / 100.0 / r.Pairs:0.00}";
Row("Mentors 10k × 3k: engine vs greedy vs random", $"{Mean((ownPairs, ownPoints))} / {Mean(greedyAll)} / {Mean(random)} mean",
    "engine best", $"unmatched {10_000 - ownPairs} / {10_000 - greedyAll.Pairs} / {10_000 - random.Pairs}; greedy total {100.0 * greedyAll.Points / ownPoints:0.00}% of the engine's (all pairs), {100.0 * greedySparse.Points / ownPoints:0.00}% on the sparse graph");

// Pods.
var peers = Population.Peers(10_000, 1);
var (pairsRound, pairsMs, pairsCpu) = Measure.Time(3, () => PodBuilder.Build(peers, options with { PodSize = 2 }));
var peerPool = new RoundPool(peers, options);
var peerScorer = peerPool.Scorer(PairingKind.Peer);
var peerGraph = PeerCandidates.Build(peerPool, peerScorer);
var weighted = Enumerable.Range(0, peerGraph.EdgeCount).Select(e => new WeightedEdge(peerGraph.A[e], peerGraph.B[e], peerGraph.Points[e])).ToArray();
var (_, matchMs, _) = Measure.Time(3, () => WeightedMatching.Solve(peers.Count, weighted));
var optimum = WeightedMatching.Run(peers.Count, weighted);
Row("Pairs, 10k people × 20 candidates: exact blossom matching", Measure.Ms(matchMs), "≤ 1 s",
    $"{peerGraph.EdgeCount:N0} edges; dual certificate {(optimum.VerifyOptimum() is null ? "holds" : "FAILS")}; whole round profiles → pairs {Measure.Ms(pairsMs)} (CPU {Measure.Ms(pairsCpu)})");
var greedyPairs = Baselines.GreedyPairs(peerGraph, peers.Count);
Row("Pairs 10k: engine vs greedy vs random", $"{pairsRound.Stats.MeanPairScore} / {greedyPairs.Points / 100.0 / (greedyPairs.Paired / 2):0.00} / {Baselines.RandomGroups(peerScorer, peers.Count, 2, 1):0.00} mean",
    "engine best", $"left without a partner: {pairsRound.Unplaced.Count} (one trio absorbs an odd person) / {peers.Count - greedyPairs.Paired} greedy / 0 random");

var (quads, quadsMs, quadsCpu) = Measure.Time(3, () => PodBuilder.Build(peers, options with { PodSize = 4 }));
Row("Pods of 4, 10k people, profiles → pods", Measure.Ms(quadsMs), "≤ 2 s",
    $"CPU {Measure.Ms(quadsCpu)}; {quads.Stats.Pods} pods, sizes {string.Join(" ", quads.Stats.Sizes.Select(kv => $"{kv.Key}×{kv.Value}"))}, unplaced {quads.Stats.Unplaced}; mean pair score {quads.Stats.MeanPairScore} vs random groups {Baselines.RandomGroups(peerScorer, peers.Count, 4, 1):0.00}");
var mainPeak = Measure.PeakMegabytes();

// State scale in its own process, so its peak memory is its own.
var self = Environment.ProcessPath!;
using var child = Process.Start(new ProcessStartInfo(self, "large") { RedirectStandardOutput = true })!;
var output = child.StandardOutput.ReadToEnd();
child.WaitForExit();
var large = output.Split('\n').First(l => l.StartsWith("LARGE", StringComparison.Ordinal)).Split(' ');
Row("Mentors 100k × 30k, profiles → pairs", Measure.Ms(double.Parse(large[1])), "≤ 5 s",
    $"CPU {Measure.Ms(double.Parse(large[2]))}; first (cold) run of the process {Measure.Ms(double.Parse(large[7]))}; {large[3]} of 100,000 matched ({large[4]} seats), {long.Parse(large[5]):N0} candidate edges");
Row("Mentors 100k × 30k, peak memory", $"{large[6]} MB", "≤ 2 GB", "whole process (VmHWM) after its first state-sized round");

var section = $"""
## Matching

Measured by `dotnet run -c Release --project tests/Matching.Benchmarks -- --write BENCHMARKS.md` on this 2-core box,
{DateTime.UtcNow:yyyy-MM-dd}, one run, side by side (load average {load} at the start; the box shares its host, and the same run varies by up to
a third in wall time from one minute to the next, so CPU time is given where it helps). Populations are generated deterministically
(`tests/Matching.Tests/Support/Population.cs`): 14 subjects (Zipf-like), 4 grade bands, 12 focus areas, schools of ~25, 85%
one time zone, after-school availability, mentor capacity 1–4 (mean 2.4). Timings are medians of 3 runs after a warm-up
unless they say otherwise.

| What | Measured | Target | Notes |
| --- | --- | --- | --- |
{string.Join("\n", rows)}

Peak memory of the benchmark process itself (10k scenarios, including the all-pairs graph): {mainPeak:0} MB.
""";
Console.WriteLine(section);
if (args is ["--write", var path])
{
    var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var start = text.IndexOf("## Matching", StringComparison.Ordinal);
    if (start >= 0)
    {
        var next = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        text = text[..start] + text[(next < 0 ? text.Length : next + 1)..];
    }

    File.WriteAllText(path, text.TrimEnd() + "\n\n" + section.Trim() + "\n");
}

return 0;
