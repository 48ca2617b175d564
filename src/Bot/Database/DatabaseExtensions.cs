using Npgsql;
using PeerBot.Bot.Hosting;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Database;

public static class DatabaseExtensions
{
    /// <summary>PostgreSQL (configured or private), migrations at start, and the stores built on it.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<DatabaseOptions>().BindConfiguration("PeerBot");
        s.AddSingleton<DatabaseConnection>();
        s.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        s.AddSingleton<Migrator>();
        // Registered first so every later hosted service (Hangfire's server among them) starts on a migrated schema.
        s.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseLifetime>());
        s.AddSingleton<PeerBot.Scheduler.Schedules.ScheduleSignal>();
        s.AddSingleton<WorkspaceDirectory>();
        s.AddSingleton<WorkspaceChanges>();
        s.AddHostedService(sp => sp.GetRequiredService<WorkspaceChanges>());
        s.AddSingleton<MemberDirectory>();
        s.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.Ready]);
        return builder;
    }
}
