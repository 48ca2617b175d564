using PeerBot.Bot.Cli;
using PeerBot.MatchTool;

namespace PeerBot.Bot.Tests.Cli;

/// <summary>A verb run with its own writers (tests run in parallel, so Console is never redirected): exit code and what it printed.</summary>
public sealed record VerbRun(int Code, string Output, string Error)
{
    public static async Task<VerbRun> MatchAsync(params string[] args)
    {
        using StringWriter output = new(), error = new();
        var code = await new MatchVerb(output, error, TimeProvider.System).RunAsync(args);
        return new VerbRun(code, output.ToString(), error.ToString());
    }

    public static async Task<VerbRun> ImportAsync(params string[] args)
    {
        using StringWriter output = new(), error = new();
        var code = await new ImportVerb(output, error).RunAsync(args);
        return new VerbRun(code, output.ToString(), error.ToString());
    }
}
