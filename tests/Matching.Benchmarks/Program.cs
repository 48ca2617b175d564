using System.Diagnostics;
using PeerBot.Matching.Benchmarks;
using PeerBot.Matching.Candidates;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Support;

var today = new DateOnly(2026, 9, 14);
var (a, b) = (int.Parse(args[0]), int.Parse(args[1]));
var people = Population.Mentoring(a, b, 1);
var options = new RoundOptions { Today = today };
var pool = new RoundPool(people, options);
var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
var mentors = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors && pool.People[i].Capacity > 0).ToArray();
var capacity = mentors.Select(m => pool.People[m].Capacity).ToArray();
var graph = MentorCandidates.Build(pool, pool.Scorer(PairingKind.Mentoring), mentees, mentors);
for (var run = 0; run < 1; run++)
{
    var proc = Process.GetCurrentProcess(); var c0 = proc.TotalProcessorTime; var sw = Stopwatch.StartNew();
    var chosen = MinCostAssignment.Solve(graph, capacity, 0);
    proc.Refresh();
    long points = 0; var pairs = 0;
    foreach (var e in chosen) if (e >= 0) { pairs++; points += graph.Points[e]; }
    Console.WriteLine($"own: {sw.ElapsedMilliseconds} ms cpu {(proc.TotalProcessorTime - c0).TotalMilliseconds:F0} pairs {pairs} points {points}");
}
Console.WriteLine($"searches {Transportation.Searches} settled {Transportation.Settled} big {Transportation.Big} sink {Transportation.ToSink} hist {string.Join(",", Transportation.Hist)}");
if (args.Length > 2)
{
    var sw2 = Stopwatch.StartNew();
    Console.WriteLine($"or-tools: {OrToolsReference.Solve(graph, capacity)} {sw2.ElapsedMilliseconds} ms");
}
