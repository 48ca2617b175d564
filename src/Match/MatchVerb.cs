using System.Globalization;
using System.Runtime;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PeerBot.Matching.Pairing;
using PeerBot.Matching.Pods;
using PeerBot.Matching.Rounds;

namespace PeerBot.MatchTool;

/// <summary>
/// <c>match</c>: an offline pairing round, file in and file out, no database — the dry run an admin previews and
/// the entry point of the matching benchmark. Bad input writes no output file.
/// </summary>
public sealed class MatchVerb(TextWriter output, TextWriter error, TimeProvider clock)
{
    public const string Usage =
        "usage: match --input people.jsonl [--history history.csv] [--mode mentor|pods] [--pod-size N] " +
        "[--repeat-window-days D] [--today YYYY-MM-DD] [--seed N] [--candidates sparse|all] [--edges edges.csv] --output result.json";

    private static readonly string[] Flags =
        ["input", "history", "mode", "pod-size", "repeat-window-days", "today", "seed", "candidates", "edges", "output"];

    // Relaxed escaping: the file is read by people and scripts, never embedded in HTML; "why" sentences keep their apostrophes.
    private static readonly MatchJson Json = new(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var started = clock.GetTimestamp();
        Plan plan;
        try
        {
            plan = Parse(CliArguments.Parse(args, Flags));
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync($"match: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var (input, outputPath, historyPath, edgesPath, pods, options) = plan;
        try
        {
            var roster = ReadWithoutCollections(input);
            var history = historyPath is null ? new PairingHistory([], []) : HistoryReader.Read(historyPath, Scope(roster, options));
            // '|' rather than '||': both files report every bad line in one go.
            if (await ReportAsync(input, roster.Rejected) | await ReportAsync(historyPath, history.Rejected))
            {
                await error.WriteLineAsync($"match: nothing written to {outputPath}");
                return 1;
            }

            if (roster.NormalisedSummary() is { } normalised)
            {
                await output.WriteLineAsync($"{input}: {normalised}");
            }

            options = options with { Rules = options.Rules with { History = history.Pairings } };
            var solving = clock.GetTimestamp();
            var summary = pods
                ? await WritePodsAsync(PodBuilder.Build(roster.People, options), outputPath, edgesPath)
                : await WriteMentorsAsync(MentorAssignment.Solve(roster.People, options), outputPath, edgesPath);
            var solved = clock.GetElapsedTime(solving) - summary.Writing;
            var read = clock.GetElapsedTime(started, solving);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Text}, in {clock.GetElapsedTime(started).TotalSeconds:0.000} s (reading {read.TotalSeconds:0.000} s, solving {solved.TotalSeconds:0.000} s, writing {summary.Writing.TotalSeconds:0.000} s) -> {outputPath}"));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await error.WriteLineAsync($"match: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The roster read with the garbage collector held off: every profile read lives on into the solve, so collections
    /// while reading would only copy them from generation to generation (a 130k roster: 12 of them, a tenth of the
    /// reading's CPU, and the other core idle meanwhile). Past the room asked for, the collector simply runs as usual.
    /// </summary>
    private static Roster ReadWithoutCollections(string input)
    {
        var held = false;
        try
        {
            // Reading allocates about one and a half times the file's size (a 37 MB state roster: 56 MB).
            var length = File.Exists(input) ? new FileInfo(input).Length : 0;
            held = GC.TryStartNoGCRegion(Math.Clamp(length * 3, 16L << 20, 240L << 20));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than this runtime can promise, or already held: read as usual.
        }

        try
        {
            return RosterReader.Read(input, keepFields: false);
        }
        finally
        {
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // The room ran out and a collection already ended the region.
                }
            }
        }
    }

    /// <summary>
    /// What this round can use of a history: pairings of people on its roster within the repeat window (a state's history
    /// holds millions of lines, most of them older or about people not in this round). Every line is still checked.
    /// </summary>
    private static HistoryScope Scope(Roster roster, RoundOptions options)
    {
        var today = options.Today;
        var window = options.Rules.RepeatWindowDays;
        string[] people = [.. roster.Entries.Select(e => e.Profile.Id)];
        return new HistoryScope(people, today.DayNumber > window ? options.Rules.LastDayOutsideWindow(today) : null);
    }

    private Plan Parse(CliArguments flags)
    {
        var options = new RoundOptions
        {
            Today = flags.Date("today") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            Seed = flags.Integer("seed", int.MinValue, int.MaxValue) ?? 0,
            Candidates = flags.Choice("candidates", "sparse", "sparse", "all") == "all" ? CandidateMode.All : CandidateMode.Sparse,
        };
        if (flags.Integer("pod-size", 2, 4) is { } size)
        {
            options = options with { PodSize = size };
        }

        if (flags.Integer("repeat-window-days", 0, 36_500) is { } days)
        {
            options = options with { Rules = options.Rules with { RepeatWindowDays = days } };
        }

        var pods = flags.Choice("mode", "mentor", "mentor", "pods") == "pods";
        return new Plan(flags.Required("input"), flags.Required("output"), flags.Optional("history"), flags.Optional("edges"), pods, options);
    }

    private async Task<bool> ReportAsync(string? file, IReadOnlyList<RejectedLine> rejected)
    {
        foreach (var line in rejected)
        {
            await error.WriteLineAsync($"{file}: {line}");
        }

        return rejected.Count > 0;
    }

    private async Task<Summary> WriteMentorsAsync(MentorRound round, string outputPath, string? edgesPath)
    {
        var writing = clock.GetTimestamp();
        if (edgesPath is null)
        {
            WriteResult(outputPath, round, Json.MentorRound);
        }
        else
        {
            // The two files are independent: written side by side.
            await Task.WhenAll(
                Task.Run(() => WriteResult(outputPath, round, Json.MentorRound)),
                Task.Run(() => EdgesFile.WriteAsync(edgesPath, "mentee,mentor,score", round.Edges)));
        }

        var s = round.Stats;
        return new Summary(
            string.Create(CultureInfo.InvariantCulture,
                $"matched {s.Matched} of {s.Mentees} mentees ({s.Mentors} mentors, {s.Seats} seats, {s.CandidateEdges} candidate pairs), total score {round.TotalScore:0.##}"),
            clock.GetElapsedTime(writing));
    }

    private async Task<Summary> WritePodsAsync(PodRound round, string outputPath, string? edgesPath)
    {
        var writing = clock.GetTimestamp();
        if (edgesPath is null)
        {
            WriteResult(outputPath, round, Json.PodRound);
        }
        else
        {
            // The two files are independent: written side by side.
            await Task.WhenAll(
                Task.Run(() => WriteResult(outputPath, round, Json.PodRound)),
                Task.Run(() => EdgesFile.WriteAsync(edgesPath, "a,b,score", round.Edges)));
        }

        var s = round.Stats;
        return new Summary(
            string.Create(CultureInfo.InvariantCulture,
                $"placed {s.Placed} of {s.People} people in {s.Pods} pods ({s.CandidateEdges} candidate pairs), total score {round.TotalScore:0.##}"),
            clock.GetElapsedTime(writing));
    }

    /// <summary>
    /// result.json, serialised straight into the file (a state round's is tens of megabytes), ending in a line break;
    /// synchronously: the asynchronous serializer's machinery cost a short run more to start than it saved.
    /// </summary>
    private static void WriteResult<T>(string path, T round, JsonTypeInfo<T> contract) =>
        OutputFile.Replace(path, stream =>
        {
            JsonSerializer.Serialize(stream, round, contract);
            stream.WriteByte((byte)'\n');
        });

    private sealed record Plan(string Input, string Output, string? History, string? Edges, bool Pods, RoundOptions Options);

    private sealed record Summary(string Text, TimeSpan Writing);
}
