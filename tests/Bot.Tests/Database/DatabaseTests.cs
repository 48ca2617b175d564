using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PeerBot.Bot.Cli;
using PeerBot.MatchTool;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Tests.Database;

public class DatabaseTests
{
    [Fact]
    public async Task TwoInstancesMigratingAtOnce_ApplyEachScriptExactlyOnce()
    {
        var cs = await TestDatabase.CreateAsync();
        await using var a = NpgsqlDataSource.Create(cs);
        await using var b = NpgsqlDataSource.Create(cs);

        var applied = await Task.WhenAll(
            new Migrator(a, NullLogger<Migrator>.Instance).MigrateAsync(),
            new Migrator(b, NullLogger<Migrator>.Instance).MigrateAsync());

        Assert.Equal(0, Math.Min(applied[0], applied[1]));
        Assert.True(Math.Max(applied[0], applied[1]) >= 1);
        await using var cmd = a.CreateCommand("select count(*) - count(distinct version) from schema_migrations");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        Assert.Equal(0, await new Migrator(a, NullLogger<Migrator>.Instance).MigrateAsync());
    }

    [Fact]
    public async Task MigrateVerb_BringsAnEmptyDatabaseUpToDate()
    {
        var cs = await TestDatabase.CreateAsync();
        Assert.Equal(0, await CommandLine.RunAsync(["migrate", $"--ConnectionStrings:PeerBot={cs}"]));

        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand("select count(*) from information_schema.tables where table_name in ('workspaces', 'members')");
        Assert.Equal(2L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Pause_EndsByItself_WhenItsTimeHasPassed()
    {
        var cs = await TestDatabase.CreateAsync();
        await using var db = NpgsqlDataSource.Create(cs);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var workspace = await new PeerBot.Scheduler.Workspaces.WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal()).GetOrCreateAsync("slack", "T9", "", default);
        var members = new MemberDirectory(db, TimeProvider.System);
        await members.SaveAsync(workspace.Id, new TeacherProfile { Id = "U9", Role = MentoringRole.Peer }, default);
        var now = DateTimeOffset.UtcNow;

        await members.SetPauseAsync(workspace.Id, "U9", now.AddDays(7), default);
        var member = (await members.FindAsync(workspace.Id, "U9", default))!;

        Assert.True(member.IsPausedAt(now.AddDays(6)));
        Assert.False(member.IsPausedAt(now.AddDays(8)));
    }

    [Fact]
    public async Task Healthz_Is200WhileTheDatabaseAnswers_And503WhenItStops()
    {
        await using var app = await PeerBotApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/healthz")).StatusCode);

        var name = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"alter database {name} allow_connections false; select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}'", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Http().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task WithoutAConnectionString_TheBotRunsItsOwnClusterInTheDataDirectory_AndReusesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "peerbot-private-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:PeerBot"] = "", ["PeerBot:DataDirectory"] = directory };
            await using (var first = await PeerBotApp.StartAsync(settings, database: false))
            {
                Assert.Equal(HttpStatusCode.OK, (await first.Http().GetAsync("/healthz")).StatusCode);
                Assert.True(File.Exists(Path.Combine(directory, "pgdata", "PG_VERSION")));
                await first.SendCommandAsync("join role:peer subjects:art", userId: "U1");

                first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
                var pidFile = Path.Combine(directory, "pgdata", "postmaster.pid");
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (File.Exists(pidFile) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }

                Assert.False(File.Exists(pidFile), "the cluster stops with the bot");
            }

            await using var second = await PeerBotApp.StartAsync(settings, database: false);
            var reply = await (await second.SendCommandAsync("profile", userId: "U1")).Content.ReadAsStringAsync();
            Assert.Contains("art", reply, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ItsPrivateClusterStoppedBySomeoneElse_TheBotStillStopsCleanly_AndSaysSo()
    {
        var directory = Path.Combine(Path.GetTempPath(), "peerbot-private-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var slack = await FakeSlack.StartAsync();
            await using var bot = await BotProcess.StartAsync("", slack, new Dictionary<string, string>
            {
                ["PeerBot:PrivateCluster"] = "true",
                ["PeerBot:DataDirectory"] = directory,
            });

            // An operator (or a crash) stops the server under the running bot.
            await using (var operatorsView = await PrivateCluster.StartAsync(directory, NullLogger.Instance))
            {
                await operatorsView.StopNowAsync();
            }

            var exitCode = await bot.StopAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{bot.Output}");
            Assert.Contains("had already stopped", bot.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", bot.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
