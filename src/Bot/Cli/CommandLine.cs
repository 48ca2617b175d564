using PeerBot.Bot.Database;
using PeerBot.MatchTool;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Cli;

/// <summary>
/// The verbs of the same executable that do one job and exit (<c>migrate</c>, <c>match</c>, <c>import</c>), and its
/// manners: <c>--help</c>, <c>-h</c> and <c>help</c> print the usage (exit 0); a word that is no verb prints it and exits 2.
/// Anything else (no argument, <c>--urls …</c>, <c>--Section:Key=value</c>) starts the server.
/// </summary>
public static class CommandLine
{
    public const string MigrateUsage = "usage: migrate [--ConnectionStrings:PeerBot=…]";

    private static readonly Dictionary<string, Func<string[], TextWriter, TextWriter, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = (args, _, _) => MigrateAsync(args),
        ["match"] = (args, output, error) => new MatchVerb(output, error, TimeProvider.System).RunAsync(args),
        ["import"] = (args, output, error) => new ImportVerb(output, error).RunAsync(args),
    };

    private static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal) { "--help", "-h", "help", "-?" };

    /// <summary>Every verb with its flags, what <c>--help</c> prints.</summary>
    public static string Usage { get; } = string.Join(Environment.NewLine,
        "PeerBot: a peer-support bot for teachers.",
        "",
        "usage: PeerBot.Bot [--urls http://host:port] [--Section:Key=value …]   run the bot (the server)",
        "       PeerBot.Bot <verb> [flags]                                      run one job and exit",
        "",
        "verbs:",
        "  " + MigrateUsage["usage: ".Length..],
        "      applies the database migrations and exits",
        "  " + MatchVerb.Usage["usage: ".Length..],
        "      an offline pairing round, file in and file out, no database",
        "  " + ImportVerb.Usage["usage: ".Length..],
        "      creates or updates the member profiles of a workspace from a roster",
        "  help | --help | -h",
        "      prints this text",
        "",
        "Settings come from appsettings.json, environment variables (Section__Key) or --Section:Key=value; see README.md.",
        "Exit codes: 0 done, 1 bad input file, 2 bad command line.");

    /// <summary>True when the arguments are for the command line (a verb, a help word or an unknown word), not the server.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && (Verbs.ContainsKey(args[0]) || HelpWords.Contains(args[0]) || IsUnknownVerb(args[0]));

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (HelpWords.Contains(args[0]))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        if (Verbs.TryGetValue(args[0], out var verb))
        {
            return await verb(args[1..], output, error);
        }

        await error.WriteLineAsync($"unknown verb \"{args[0]}\"");
        await error.WriteLineAsync(Usage);
        return 2;
    }

    // Host arguments are flags (--urls, --environment), or key=value settings; a bare word can only be a verb.
    private static bool IsUnknownVerb(string arg) =>
        arg.Length > 0 && arg[0] is not ('-' or '/') && !arg.Contains('=', StringComparison.Ordinal);

    /// <summary>Builds a host with only the database and runs <paramref name="work"/> in it.</summary>
    public static async Task<int> WithDatabaseAsync(string[] args, Func<IServiceProvider, Task<int>> work)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // A verb's output is its report: Npgsql's per-command log lines would bury it (appsettings.json says the same, when found).
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDatabase();
        await using var services = builder.Services.BuildServiceProvider();
        await services.GetRequiredService<Migrator>().MigrateAsync();
        return await work(services);
    }

    private static Task<int> MigrateAsync(string[] args) =>
        WithDatabaseAsync(args, services =>
        {
            Console.WriteLine($"Database is up to date: {services.GetRequiredService<DatabaseConnection>().Description}");
            return Task.FromResult(0);
        });
}
