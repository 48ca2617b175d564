using System.Diagnostics;

namespace PeerBot.Bot.Tests.Cli;

/// <summary>The executable itself (<c>dotnet PeerBot.Bot.dll …</c>), as an operator types it.</summary>
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

    private static async Task<VerbRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll"));
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
