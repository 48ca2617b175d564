using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using PeerBot.Bot.Database;
using PeerBot.Bot.Hosting;

namespace PeerBot.Bot.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>), a small server, and the jobs.</summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<SchedulingOptions>().BindConfiguration("PeerBot").ValidateDataAnnotations().ValidateOnStart();
        // Our own storage instance instead of Hangfire's static JobStorage.Current: several hosts in one
        // process (tests, the simulator) must each talk to their own database.
        s.AddSingleton<JobStorage>(sp =>
        {
            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(sp.GetRequiredService<DatabaseConnection>().ConnectionString, options), options);
        });
        s.AddSingleton<Hangfire.Logging.ILogProvider>(sp => new HostScopedHangfireLog(sp.GetRequiredService<ILoggerFactory>()));
        // Hangfire's configuration (its log provider included) is process-global and Hangfire.NetCore points it at the
        // newest host's logger factory; ours survives that factory's disposal, so a stopped host never breaks the others.
        s.AddHangfire((sp, config) => config
            .UseLogProvider(sp.GetRequiredService<Hangfire.Logging.ILogProvider>())
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        s.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value.Workers;
            o.ServerName = $"peerbot:{Environment.MachineName}:{Environment.ProcessId}";
            // This host's own container, not Hangfire's process-global activator (see the JobStorage note above).
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            // This host's job metrics as a server filter, not a process-global one (GlobalJobFilters).
            var filters = new Hangfire.Common.JobFilterCollection { sp.GetRequiredService<PeerBot.Bot.Observability.JobMetricsFilter>() };
            o.FilterProvider = new Hangfire.Common.JobFilterProviderCollection(Hangfire.Common.JobFilterProviders.Providers, filters);
        });
        s.AddHealthChecks().AddCheck<HangfireStorageHealthCheck>("hangfire", tags: [HealthEndpoints.Ready]);

        s.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardBasicAuthentication>(DashboardBasicAuthentication.SchemeName, null);
        s.AddAuthorizationBuilder().AddPolicy("dashboard", p => p.AddAuthenticationSchemes(DashboardBasicAuthentication.SchemeName).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>The dashboard at /hangfire, for operators with the dashboard password only.</summary>
    public static WebApplication MapScheduling(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // ASP.NET Core authorization guards the endpoint; Hangfire's own local-only filter would hide it from operators.
            Authorization = [],
            DashboardTitle = "PeerBot jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization("dashboard");
        return app;
    }
}
