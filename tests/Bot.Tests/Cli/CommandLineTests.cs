using System.Diagnostics;

namespace PeerBot.Bot.Tests.Cli;

/// <summary>The executables themselves (<c>dotnet PeerBot.Bot.dll …</c>, <c>peerbot-match …</c>), as an operator types them.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task HelpWord_PrintsEveryVerbWithItsFlags_AndExits0_WithoutStartingTheServer(string word)
    {
        var run = await RunAsync(word);

        Assert.Equal(0, run.Code);
        foreach (var expected in new[] { "migrate", "match --input people.jsonl", "--pod-size N", "--edges edges.csv", "--output result.json", "import --workspace ID [--platform slack|teams] --file", "--help" })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listening", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownVerb_PrintsTheUsageNamingIt_AndExits2()
    {
        var run = await RunAsync("migarte");

        Assert.Equal(2, run.Code);
        Assert.Contains("unknown verb \"migarte\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("import --workspace ID", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchTool_OnItsOwn_WritesTheSameFileAsTheBotsMatchVerb()
    {
        using var folder = new TempFolder();
        var people = folder.WriteLines("people.jsonl", People.Generated(400, seed: 7));
        string[] flags = ["--input", people, "--today", "2026-09-14", "--seed", "3", "--output"];

        var tool = await RunToolAsync("peerbot-match.dll", [.. flags, folder.PathOf("tool.json")]);
        var bot = await RunAsync(["match", .. flags, folder.PathOf("bot.json")]);

        Assert.Equal(0, tool.Code);
        Assert.Equal(0, bot.Code);
        Assert.Matches(@"^matched \d+ of \d+ mentees", tool.Output);
        Assert.Contains("\"pairs\"", await File.ReadAllTextAsync(folder.PathOf("tool.json")), StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(folder.PathOf("bot.json")), await File.ReadAllBytesAsync(folder.PathOf("tool.json")));
    }

    [Fact]
    public async Task MatchTool_WithABadLine_NamesItExits1_AndWritesNothing()
    {
        using var folder = new TempFolder();
        var people = folder.WriteLines("people.jsonl", [People.Line("t1", "mentee"), People.Line("t2", "mentor", capacity: 9)]);

        var run = await RunToolAsync("peerbot-match.dll", ["--input", people, "--output", folder.PathOf("result.json")]);

        Assert.Equal(1, run.Code);
        Assert.Contains("line 2, capacity", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.PathOf("result.json")));
    }

    [Fact]
    public async Task MatchTool_WithAnUnknownFlag_PrintsItsUsage_AndExits2()
    {
        var run = await RunToolAsync("peerbot-match.dll", ["--inptu", "people.jsonl"]);

        Assert.Equal(2, run.Code);
        Assert.Contains("--inptu", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: match --input people.jsonl", run.Error, StringComparison.Ordinal);
    }

    private static Task<VerbRun> RunAsync(params string[] args) => RunToolAsync("PeerBot.Bot.dll", args);

    private static async Task<VerbRun> RunToolAsync(string assembly, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Were the server to start by mistake it would find no database: point it nowhere so it fails fast instead of creating one.
        start.Environment["ConnectionStrings__PeerBot"] = "Host=127.0.0.1;Port=1;Timeout=1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within a minute: {await output}");
        }

        return new VerbRun(process.ExitCode, await output, await error);
    }
}
