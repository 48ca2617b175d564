using System.Text.Json.Nodes;

namespace PeerBot.Bot.Tests.Cli;

public sealed class MatchVerbTests : IDisposable
{
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    private string Result => _files.PathOf("result.json");

    [Fact]
    public async Task Match_MentorMode_MatchesEveryMenteeWithinCapacity_InTheDocumentedShape()
    {
        var input = _files.WriteLines("people.jsonl", [
            People.Line("M1", "mentee"), People.Line("M2", "mentee", subject: "science"), People.Line("M3", "mentee", grades: "9-12"),
            People.Line("M4", "mentee", subject: "english"), People.Line("T1", "mentor", years: 12, capacity: 2),
            People.Line("T2", "mentor", subject: "english", grades: "9-12", years: 9, capacity: 2)]);

        var run = await VerbRun.MatchAsync("--input", input, "--output", Result, "--today", "2026-11-22");

        Assert.Equal(0, run.Code);
        Assert.Matches(@"^matched 4 of 4 mentees .*total score [\d.]+, in [\d.]+ s", run.Output);
        var result = JsonNode.Parse(File.ReadAllText(Result))!.AsObject();
        Assert.Equal(["mode", "pairs", "unmatched", "totalScore", "stats"], result.Select(p => p.Key));
        Assert.Equal("mentor", result["mode"]!.GetValue<string>());
        var pairs = result["pairs"]!.AsArray();
        Assert.Equal(["M1", "M2", "M3", "M4"], pairs.Select(p => p!["mentee"]!.GetValue<string>()).Order());
        Assert.All(pairs, p => Assert.False(string.IsNullOrWhiteSpace(p!["why"]!.GetValue<string>())));
        Assert.All(pairs.GroupBy(p => p!["mentor"]!.GetValue<string>()), load => Assert.True(load.Count() <= 2));
        Assert.Empty(result["unmatched"]!.AsArray());
        Assert.Equal(pairs.Sum(p => p!["score"]!.GetValue<double>()), result["totalScore"]!.GetValue<double>(), 2);
        Assert.Equal(4, result["stats"]!["matched"]!.GetValue<int>());
    }

    [Fact]
    public async Task Match_WithEdges_WritesEveryCandidatePairTheEngineConsidered()
    {
        var input = _files.WriteLines("people.jsonl", [
            People.Line("M1", "mentee"), People.Line("M2", "mentee", subject: "art"), People.Line("M3", "mentee"),
            People.Line("T1", "mentor", years: 10, capacity: 2), People.Line("T2", "mentor", subject: "art", years: 8, capacity: 2)]);
        var edges = _files.PathOf("edges.csv");

        var run = await VerbRun.MatchAsync("--input", input, "--output", Result, "--edges", edges, "--candidates", "all");

        Assert.Equal(0, run.Code);
        var lines = File.ReadAllLines(edges);
        Assert.Equal("mentee,mentor,score", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["M1,T1", "M1,T2", "M2,T1", "M2,T2", "M3,T1", "M3,T2"], rows.Select(r => $"{r[0]},{r[1]}").Order());
        var result = JsonNode.Parse(File.ReadAllText(Result))!;
        Assert.Equal(6, result["stats"]!["candidateEdges"]!.GetValue<int>());
        foreach (var pair in result["pairs"]!.AsArray())
        {
            var row = rows.Single(r => r[0] == pair!["mentee"]!.GetValue<string>() && r[1] == pair["mentor"]!.GetValue<string>());
            Assert.Equal(pair!["score"]!.GetValue<double>(), double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), 2);
        }
    }

    [Fact]
    public async Task Match_PodsMode_PlacesEveryoneOnce_AndWritesPeerEdges()
    {
        var input = _files.WriteLines("people.jsonl", Enumerable.Range(1, 7).Select(i => People.Line($"P{i}", "peer", subject: i % 2 == 0 ? "math" : "art")));
        var edges = _files.PathOf("edges.csv");

        var run = await VerbRun.MatchAsync("--input", input, "--mode", "pods", "--pod-size", "3", "--output", Result, "--edges", edges);

        Assert.Equal(0, run.Code);
        Assert.StartsWith("placed 7 of 7 people in 2 pods", run.Output, StringComparison.Ordinal);
        var result = JsonNode.Parse(File.ReadAllText(Result))!.AsObject();
        Assert.Equal(["mode", "pods", "unplaced", "totalScore", "stats"], result.Select(p => p.Key));
        Assert.Equal("pods", result["mode"]!.GetValue<string>());
        var members = result["pods"]!.AsArray().SelectMany(p => p!["members"]!.AsArray().Select(m => m!.GetValue<string>())).ToList();
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"P{i}"), members.Order());
        Assert.Empty(result["unplaced"]!.AsArray());
        Assert.Equal("a,b,score", File.ReadLines(edges).First());
        Assert.True(File.ReadLines(edges).Count() > 1);
    }

    [Fact]
    public async Task Match_NeverRepeatsAPairFromHistoryWithinTheWindow_ButDoesOnceItHasPassed()
    {
        // M1 fits T1 far better than T2; they met 60 days before the round.
        var input = _files.WriteLines("people.jsonl", [
            People.Line("M1", "mentee"), People.Line("T1", "mentor", years: 10, capacity: 1),
            People.Line("T2", "mentor", subject: "art", grades: "k-2", focus: "sped", availability: "fri 07:00-07:30", years: 10, capacity: 1)]);
        var history = _files.Write("history.csv", "a,b,date\nM1,T1,2026-09-23\n");

        var within = await VerbRun.MatchAsync("--input", input, "--history", history, "--today", "2026-11-22", "--output", Result);
        var withinMentor = JsonNode.Parse(File.ReadAllText(Result))!["pairs"]![0]!["mentor"]!.GetValue<string>();
        var passed = await VerbRun.MatchAsync("--input", input, "--history", history, "--today", "2026-11-22", "--repeat-window-days", "30", "--output", Result);
        var passedMentor = JsonNode.Parse(File.ReadAllText(Result))!["pairs"]![0]!["mentor"]!.GetValue<string>();

        Assert.Equal((0, 0), (within.Code, passed.Code));
        Assert.Equal("T2", withinMentor);
        Assert.Equal("T1", passedMentor);
    }

    [Fact]
    public async Task Match_RosterWithDistrictGradeSpellings_MatchesOnTheCanonicalBand_AndSaysHowManyItNormalised()
    {
        // "Pre-K" and "PK" are the same band: written differently, the pair still shares it.
        var input = _files.WriteLines("people.jsonl", [
            People.Line("M1", "mentee", grades: "Pre-K", subject: "reading"), People.Line("T1", "mentor", grades: "PK", subject: "art", capacity: 1),
            People.Line("T2", "mentor", grades: "9–12", subject: "art", capacity: 1)]);

        var run = await VerbRun.MatchAsync("--input", input, "--output", Result, "--today", "2026-11-22");

        Assert.Equal(0, run.Code);
        Assert.StartsWith($"{input}: normalised 2 grade bands (e.g. \"Pre-K\" → pk, \"9–12\" → 9-12)", run.Output, StringComparison.Ordinal);
        var pair = Assert.Single(JsonNode.Parse(File.ReadAllText(Result))!["pairs"]!.AsArray())!;
        Assert.Equal(("M1", "T1"), (pair["mentee"]!.GetValue<string>(), pair["mentor"]!.GetValue<string>()));
        Assert.Contains("pre-K", pair["why"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"X1","role":"mentee","years":"lots"}""", "line 3, years")]
    [InlineData("""{"id":"X1","role":"teacher"}""", "line 3, role")]
    [InlineData("""{"id":"X1","role":"mentee","timezone":"Mars/Olympus"}""", "line 3, timezone")]
    [InlineData("""{"id":"X1","role":"mentee","availability":["someday"]}""", "line 3, availability")]
    [InlineData("""{"id":"X1","role":"mentor","capacity":9}""", "line 3, capacity")]
    [InlineData("""{"id":"X1","role":"mentee","grades":["sixth"]}""", "line 3, grades")]
    [InlineData("""{"id":"X1","role":"mentee","favourite":"tea"}""", "line 3, favourite")]
    [InlineData("""{"id":"X1","role":"mentee","subjects":{"a":1}}""", "line 3, subjects")]
    [InlineData("""{"role":"mentee"}""", "line 3, id")]
    [InlineData("""{"id":"M1","role":"mentee"}""", "line 3, id: \"M1\" is already on line 1")]
    [InlineData("""{"id":"X1","role":"mentee" """, "line 3: not valid JSON")]
    public async Task Match_BadLine_NamesTheLineAndField_AndWritesNoOutput(string badLine, string expected)
    {
        var input = _files.WriteLines("people.jsonl", [People.Line("M1", "mentee"), People.Line("T1", "mentor", capacity: 1), badLine]);
        var edges = _files.PathOf("edges.csv");

        var run = await VerbRun.MatchAsync("--input", input, "--output", Result, "--edges", edges);

        Assert.Equal(1, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Result));
        Assert.False(File.Exists(edges));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Match_BadHistoryLine_NamesTheLineAndField_AndWritesNoOutput()
    {
        var input = _files.WriteLines("people.jsonl", [People.Line("M1", "mentee"), People.Line("T1", "mentor", capacity: 1)]);
        var history = _files.Write("history.csv", "a,b,date\nM1,T1,2026-09-23\nM1,T1,last spring\n");

        var run = await VerbRun.MatchAsync("--input", input, "--history", history, "--output", Result);

        Assert.Equal(1, run.Code);
        Assert.Contains("history.csv: line 3, date: \"last spring\" is not a date", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Result));
    }

    [Theory]
    [InlineData("mentor")]
    [InlineData("pods")]
    public async Task Match_SameSeedTwice_WritesIdenticalFiles(string mode)
    {
        var input = _files.WriteLines("people.jsonl", People.Generated(120, seed: 7));
        string[] common = ["--input", input, "--mode", mode, "--seed", "42", "--today", "2026-11-22"];

        var first = await VerbRun.MatchAsync([.. common, "--output", _files.PathOf("a.json"), "--edges", _files.PathOf("a.csv")]);
        var second = await VerbRun.MatchAsync([.. common, "--output", _files.PathOf("b.json"), "--edges", _files.PathOf("b.csv")]);

        Assert.Equal((0, 0), (first.Code, second.Code));
        Assert.Equal(File.ReadAllBytes(_files.PathOf("a.json")), File.ReadAllBytes(_files.PathOf("b.json")));
        Assert.Equal(File.ReadAllBytes(_files.PathOf("a.csv")), File.ReadAllBytes(_files.PathOf("b.csv")));
        Assert.Contains("\"seed\": 42", File.ReadAllText(_files.PathOf("a.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--colour blue", "unknown argument \"--colour\"")]
    [InlineData("--output", "--output needs a value")]
    [InlineData("", "--output is required")]
    [InlineData("--output r.json --mode trios", "--mode must be mentor or pods")]
    [InlineData("--output r.json --pod-size 7", "--pod-size must be a whole number from 2 to 4")]
    [InlineData("--output r.json --today 22/11/2026", "--today must be a date written YYYY-MM-DD")]
    [InlineData("--output r.json --candidates some", "--candidates must be sparse or all")]
    [InlineData("--output r.json --seed 1 --seed 2", "--seed is given twice")]
    public async Task Match_UnknownOrMissingFlag_PrintsUsageNamingIt_AndExits2(string extra, string expected)
    {
        var input = _files.WriteLines("people.jsonl", [People.Line("M1", "mentee")]);

        var run = await VerbRun.MatchAsync(["--input", input, .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: match --input people.jsonl", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_MissingInputFile_SaysSoAndExits1()
    {
        var run = await VerbRun.MatchAsync("--input", _files.PathOf("nobody.jsonl"), "--output", Result);

        Assert.Equal(1, run.Code);
        Assert.Contains("nobody.jsonl", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Result));
    }
}
