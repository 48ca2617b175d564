using System.Diagnostics;
using PeerBot.Matching.Solvers;

var sw = Stopwatch.StartNew();
var random = new Random(1);
var n = 10000;
var edges = new List<WeightedEdge>();
for (var u = 0; u < n; u++)
{
    for (var d = 0; d < 10; d++)
    {
        var v = random.Next(n);
        if (v != u) edges.Add(new(u, v, random.Next(2000, 9000)));
    }
}
for (var run = 0; run < 8; run++)
{
    sw.Restart();
    var s = WeightedMatching.Run(n, edges);
    var ms = sw.ElapsedMilliseconds;
    var mates = s.Mates();
    Console.WriteLine($"{ms} ms matched {mates.Count(m => m >= 0)} {(run == 0 ? s.VerifyOptimum() ?? "ok" : "")}");
}
