using PeerBot.Bot.Database;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Cli;

/// <summary>The verbs of the same executable that do one job and exit (<c>migrate</c>, <c>match</c>, <c>import</c>).</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = MigrateAsync,
        ["match"] = args => new MatchVerb(Console.Out, Console.Error, TimeProvider.System).RunAsync(args),
        ["import"] = args => new ImportVerb(Console.Out, Console.Error).RunAsync(args),
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static Task<int> RunAsync(string[] args) => Verbs[args[0]](args[1..]);

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
