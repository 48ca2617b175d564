namespace PeerBot.MatchTool;

/// <summary><c>peerbot-match --input people.jsonl --output result.json …</c>: the bot's <c>match</c> verb as its own native executable.</summary>
internal static class MatchProgram
{
    private static Task<int> Main(string[] args) => new MatchVerb(Console.Out, Console.Error, TimeProvider.System).RunAsync(args);
}
