using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PeerBot.Matching.Candidates;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Benchmarks;

/// <summary>
/// The population family as whole <c>match</c> processes: for each shape (or a district's own roster), the Release
/// build's <c>match</c> from a cold start (roster in, result.json out, as a district runs it), timed and its peak memory
/// read; then one more, untimed run with <c>--edges</c> (its result.json checked byte-equal), whose graph is solved by our
/// solver and by OR-Tools side by side in this process, the optimum checked equal (and equal to what <c>match</c> wrote).
/// </summary>
internal static partial class ShapeBenchmark
{
    private const string Today = "2026-09-14";

    public static int Run(string[] args)
    {
        var flags = Flags(args);
        if (flags.GetValueOrDefault("write-roster") is { } rosterPath)
        {
            // A generated roster on its own, to try `match` by hand: --write-roster path --shape state --people 130000
            // (and, for a shape with a history such as dense-history, its history.csv beside it: path-history.csv).
            var shape = PopulationShape.Named(flags.GetValueOrDefault("shape") ?? "state");
            var everyone = shape.Generate(int.Parse(flags.GetValueOrDefault("people") ?? "130000", CultureInfo.InvariantCulture), seed: 1);
            WriteRoster(rosterPath, everyone);
            if (shape.HistoryPerPerson > 0)
            {
                WriteHistory(Path.ChangeExtension(rosterPath, null) + "-history.csv", everyone, shape.HistoryPerPerson);
            }

            return 0;
        }

        var bot = flags.GetValueOrDefault("bot") ?? Path.Combine(RepoRoot(), "src/Bot/bin/Release/net10.0/linux-x64/PeerBot.Bot.dll");
        if (!File.Exists(bot))
        {
            Console.Error.WriteLine($"no Release build of the bot at {bot}: run `dotnet build -c Release src/Bot` first, or pass --bot PATH (PeerBot.Bot.dll, or the native peerbot-match from `dotnet publish -c Release src/Match`)");
            return 2;
        }

        var runs = int.Parse(flags.GetValueOrDefault("runs") ?? "3", CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("peerbot-shapes-").FullName;
        var rows = new List<string>();
        try
        {
            if (flags.GetValueOrDefault("input") is { } input)
            {
                rows.Add(Mentors(bot, Path.GetFullPath(input), flags.GetValueOrDefault("history"), "your roster", runs, work));
            }
            else
            {
                var sizes = (flags.GetValueOrDefault("people") ?? "13000,130000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));
                var only = flags.GetValueOrDefault("shapes")?.Split(',');
                foreach (var people in sizes)
                {
                    foreach (var shape in PopulationShape.Family.Where(s => only is null || only.Contains(s.Name)))
                    {
                        var roster = Path.Combine(work, $"{shape.Name}-{people}.jsonl");
                        var everyone = shape.Generate(people, seed: 1);
                        WriteRoster(roster, everyone);
                        string? history = null;
                        if (shape.HistoryPerPerson > 0)
                        {
                            history = Path.Combine(work, $"{shape.Name}-{people}-history.csv");
                            WriteHistory(history, everyone, shape.HistoryPerPerson);
                        }

                        rows.Add(Mentors(bot, roster, history, $"{shape.Name} ({shape.Description})", runs, work));
                    }
                }

                if (flags.GetValueOrDefault("pods") is not "no")
                {
                    var peers = Path.Combine(work, "pods.jsonl");
                    WriteRoster(peers, PopulationShape.Named("state").Generate(100_000, seed: 1).Select(p => p with { Role = MentoringRole.Peer, Capacity = 0 }).ToList());
                    rows.Add(Pods(bot, peers, runs, work));
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var table = $"""
            | Roster | People (mentees × mentors) | Whole `match` process, median (range) | Reading / solving / writing (median run) | Peak memory | Solve: ours vs OR-Tools, same graph | Same optimum |
            | --- | --- | --- | --- | --- | --- | --- |
            {string.Join("\n", rows)}
            """;
        Console.WriteLine(table);
        if (flags.GetValueOrDefault("table") is { } path)
        {
            File.WriteAllText(path, table + "\n");
        }

        return 0;
    }

    private static string Mentors(string bot, string roster, string? history, string name, int runs, string work)
    {
        var output = Path.Combine(work, "result.json");
        var edges = Path.Combine(work, "edges.csv");
        string[] args = ["--input", roster, "--output", output, "--today", Today, .. history is null ? Array.Empty<string>() : ["--history", history]];
        // Timed as a district runs it: roster (and history) in, result.json out. The candidate graph for OR-Tools comes
        // from one more run with --edges, untimed (writing a million edge lines is the benchmark's need, not the
        // district's), whose result.json must be the timed runs' byte for byte.
        var processes = Enumerable.Range(0, runs).Select(_ => Match(bot, args)).OrderBy(p => p.Ms).ToList();
        var median = processes[processes.Count / 2];
        var timedResult = File.ReadAllBytes(output);
        var withEdges = Match(bot, [.. args, "--edges", edges]);
        if (!File.ReadAllBytes(output).AsSpan().SequenceEqual(timedResult) || withEdges.Total != median.Total)
        {
            throw new InvalidOperationException($"{name}: match wrote another result.json when also asked for --edges");
        }

        var (graph, capacity, mentees, mentors) = ReadGraph(roster, edges);
        var ours = new List<double>();
        var reference = new List<double>();
        var oursCpu = new List<double>();
        var referenceCpu = new List<double>();
        var self = Process.GetCurrentProcess();
        (int Pairs, long Points) own = default, theirs = default;
        for (var run = 0; run < runs; run++)
        {
            // Alternate, so both meet the same neighbours on this shared box.
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var chosen = MinCostAssignment.Solve(graph, capacity, 0);
            ours.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            oursCpu.Add((self.TotalProcessorTime - cpu).TotalMilliseconds);
            cpu = self.TotalProcessorTime;
            own = (chosen.Count(e => e >= 0), chosen.Where(e => e >= 0).Sum(e => (long)graph.Points[e]));
            clock.Restart();
            theirs = OrToolsReference.Solve(graph, capacity);
            reference.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            referenceCpu.Add((self.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        var written = Math.Round(median.Total * 100);
        var same = own == theirs && (long)written == theirs.Points ? "yes" : $"NO: ours {own}, OR-Tools {theirs}, match wrote {median.Total}";
        var row = $"| {name} | {mentees + mentors:N0} ({mentees:N0} × {mentors:N0}) | {Span(processes.Select(p => p.Ms))} | {median.Phases} | {processes.Max(p => p.PeakMb):0} MB | " +
            $"{Measure.Ms(Median(ours))} vs {Measure.Ms(Median(reference))} (CPU {Measure.Ms(Median(oursCpu))} vs {Measure.Ms(Median(referenceCpu))}; {graph.EdgeCount:N0} edges, {own.Pairs:N0} pairs) | {same} |";
        Console.WriteLine(row);
        return row;
    }

    private static string Pods(string bot, string roster, int runs, string work)
    {
        string[] args = ["--mode", "pods", "--pod-size", "4", "--input", roster, "--output", Path.Combine(work, "pods.json"), "--today", Today];
        var processes = Enumerable.Range(0, runs).Select(_ => Match(bot, args)).OrderBy(p => p.Ms).ToList();
        var row = $"| pods of 4, state shape, all peers | 100,000 | {Span(processes.Select(p => p.Ms))} | {processes[processes.Count / 2].Phases} | {processes.Max(p => p.PeakMb):0} MB | — | — |";
        Console.WriteLine(row);
        return row;
    }

    /// <summary>One cold <c>match</c> process: wall time, peak resident memory (VmHWM, read while it runs), its own phase times and total.</summary>
    private static (double Ms, double PeakMb, string Phases, double Total) Match(string bot, string[] args)
    {
        // The bot's assembly runs under `dotnet`; the native peerbot-match (src/Match, published) runs on its own.
        var managed = bot.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(managed ? "dotnet" : bot) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed)
        {
            info.ArgumentList.Add(bot);
            info.ArgumentList.Add("match");
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        double peak = 0;
        while (!process.WaitForExit(10))
        {
            peak = Math.Max(peak, PeakMb(process.Id));
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        var text = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"match failed ({process.ExitCode}): {stderr.Result}{text}");
        }

        var m = Summary().Match(text);
        var total = m.Success ? double.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture) : double.NaN;
        var phases = m.Success ? $"{Sec(m.Groups["read"].Value)} / {Sec(m.Groups["solve"].Value)} / {Sec(m.Groups["write"].Value)}" : "?";
        Console.WriteLine($"  {ms:0} ms, {peak:0} MB: {text.Trim().Split('\n')[^1]}");
        return (ms, peak, phases, total);

        static string Sec(string s) => Measure.Ms(double.Parse(s, CultureInfo.InvariantCulture) * 1000);
    }

    private static double PeakMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A history.csv of <paramref name="perPerson"/> past pairings a person, as `match --history` reads it.</summary>
    private static void WriteHistory(string path, IReadOnlyList<TeacherProfile> everyone, int perPerson) =>
        File.WriteAllLines(path, ["a,b,date", .. Population.History(everyone, perPerson, DateOnly.Parse(Today, CultureInfo.InvariantCulture), 1)
            .Select(h => $"{h.A},{h.B},{h.Date:yyyy-MM-dd}")]);

    /// <summary>The candidate graph <c>match</c> wrote (<c>mentee,mentor,score</c>), with capacities from the roster.</summary>
    private static (BipartiteGraph Graph, int[] Capacity, int Mentees, int Mentors) ReadGraph(string roster, string edgesPath)
    {
        var capacityOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var mentees = 0;
        foreach (var line in File.ReadLines(roster).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var role = root.GetProperty("role").GetString()!.ToLowerInvariant();
            var id = root.GetProperty("id").ToString();
            if (role is "mentor" or "both")
            {
                capacityOf[id] = root.TryGetProperty("capacity", out var c) && int.Parse(c.ToString(), CultureInfo.InvariantCulture) is > 0 and var n ? n : 1;
            }

            mentees += role is "mentee" or "both" ? 1 : 0;
        }

        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        var right = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<List<(int Right, int Points)>>();
        foreach (var line in File.ReadLines(edgesPath).Skip(1))
        {
            var cells = line.Split(',');
            if (!left.TryGetValue(cells[0], out var i))
            {
                left[cells[0]] = i = rows.Count;
                rows.Add([]);
            }

            if (!right.TryGetValue(cells[1], out var r))
            {
                right[cells[1]] = r = right.Count;
            }

            rows[i].Add((r, (int)Math.Round(double.Parse(cells[2], CultureInfo.InvariantCulture) * 100)));
        }

        var start = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            start[i + 1] = start[i] + rows[i].Count;
        }

        var capacity = new int[right.Count];
        foreach (var (id, r) in right)
        {
            capacity[r] = capacityOf[id];
        }

        var graph = new BipartiteGraph(start, [.. rows.SelectMany(r => r.Select(e => e.Right))], [.. rows.SelectMany(r => r.Select(e => e.Points))]);
        return (graph, capacity, mentees, capacityOf.Count);
    }

    private static void WriteRoster(string path, IReadOnlyList<TeacherProfile> people)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        foreach (var p in people)
        {
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            json.WriteString("name", p.Name);
            json.WriteString("role", p.Role.ToString().ToLowerInvariant());
            Strings(json, "subjects", p.Subjects);
            Strings(json, "grades", p.Grades);
            json.WriteNumber("years", p.Years);
            json.WriteString("school", p.School);
            Strings(json, "focus", p.Focus);
            json.WriteString("timezone", p.TimeZone);
            Strings(json, "availability", [.. p.Availability.Select(a => a.ToString())]);
            json.WriteNumber("capacity", p.Capacity);
            json.WriteString("cohort", p.Cohort);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static string Span(IEnumerable<double> ms)
    {
        var sorted = ms.Order().ToList();
        return $"{Measure.Ms(sorted[sorted.Count / 2])} ({Measure.Ms(sorted[0])}–{Measure.Ms(sorted[^1])})";
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            flags[args[i].TrimStart('-')] = args[i + 1];
        }

        return flags;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PeerBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    [GeneratedRegex(@"total score (?<total>[\d.]+), in [\d.]+ s \(reading (?<read>[\d.]+) s, solving (?<solve>[\d.]+) s, writing (?<write>[\d.]+) s\)")]
    private static partial Regex Summary();
}
