using System.Diagnostics;
using PeerBot.Matching.Pods;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Tests.Support;

var today = new DateOnly(2026, 9, 14);
var people = Population.Peers(10000, 1);
foreach (var size in new[] { 2, 2, 3, 4, 4 })
{
    var proc = Process.GetCurrentProcess();
    var c0 = proc.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var r = PodBuilder.Build(people, new RoundOptions { Today = today, PodSize = size });
    proc.Refresh();
    Console.WriteLine($"size {size}: {sw.ElapsedMilliseconds} ms cpu {(proc.TotalProcessorTime - c0).TotalMilliseconds:F0} pods {r.Stats.Pods} unplaced {r.Stats.Unplaced} sizes {string.Join(",", r.Stats.Sizes)} mean {r.Stats.MeanPairScore} edges {r.Stats.CandidateEdges}");
    Console.WriteLine(r.Pods[0]);
}
