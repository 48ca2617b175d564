using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack.Install;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class ScheduleKeeperTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["PeerBot:Admins"] = "UADMIN",
        // Long: a change an admin makes must reach Hangfire by the keeper's wake-up, not by its periodic look.
        ["PeerBot:ScheduleSyncInterval"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AWorkspaceFirstSeenByACommand_GetsTheDefaultRhythm_WithoutARestart()
    {
        Assert.Contains("Welcome", await _app.ReplyAsync("join role:peer subjects:math grades:6-8 years:3 tz:America/Chicago", "U1"), StringComparison.Ordinal);
        var workspace = await _app.ScalarAsync<Guid>("select id from workspaces");

        var jobs = await RecurringJobsEventuallyAsync(workspace, expected: 5);

        Assert.Equal("0 8 * * 1", jobs[RecurringSchedules.PairingJobId(workspace)].Cron);
        Assert.Equal("30 15 * * 4", jobs[RecurringSchedules.CheckInJobId(workspace)].Cron);
        Assert.Contains(RecurringSchedules.FollowUpJobId(workspace), jobs.Keys);
        Assert.Equal("30 15 * * 1-5", jobs[RecurringSchedules.HeadsUpJobId(workspace)].Cron);
        Assert.Equal("synced", await _app.ScalarAsync<string>("select schedules from workspaces"));
    }

    [Fact]
    public async Task AnAdminsNewSchedule_ReachesTheRecurringJob_InTheWorkspaceZone()
    {
        Assert.Contains("America/Chicago", await _app.ReplyAsync("admin timezone America/Chicago", "UADMIN"), StringComparison.Ordinal);
        Assert.Contains("Tuesday", await _app.ReplyAsync("admin schedule checkin every tuesday 16:00", "UADMIN"), StringComparison.Ordinal);
        var workspace = await _app.ScalarAsync<Guid>("select id from workspaces");

        for (var i = 0; i < 500 && RecurringJobs(workspace).GetValueOrDefault(RecurringSchedules.CheckInJobId(workspace))?.Cron != "0 16 * * 2"; i++)
        {
            await Task.Delay(20);
        }

        var checkIn = RecurringJobs(workspace)[RecurringSchedules.CheckInJobId(workspace)];
        Assert.Equal("0 16 * * 2", checkIn.Cron);
        Assert.Equal("America/Chicago", checkIn.TimeZoneId);
    }

    [Fact]
    public async Task AnUninstalledWorkspace_StaysUnscheduled_UntilItInstallsAgain()
    {
        var installations = _app.Services.GetRequiredService<SlackInstallations>();
        var install = new SlackInstallation("T100", "Lakeside Middle", "UBOT", "commands", "xoxb-lakeside", null, null);
        await installations.SaveAsync(install, CancellationToken.None);
        var workspace = await _app.ScalarAsync<Guid>("select id from workspaces");
        await RecurringJobsEventuallyAsync(workspace, expected: 5);

        var schedules = _app.Services.GetRequiredService<RecurringSchedules>();
        Assert.Equal(5, (await schedules.StopAsync(workspace, CancellationToken.None)).Count);
        Assert.Equal(0, await schedules.SyncPendingAsync(CancellationToken.None));
        Assert.Empty(RecurringJobs(workspace));

        await installations.SaveAsync(install, CancellationToken.None);
        await RecurringJobsEventuallyAsync(workspace, expected: 5);
    }

    private async Task<Dictionary<string, RecurringJobDto>> RecurringJobsEventuallyAsync(Guid workspace, int expected)
    {
        for (var i = 0; i < 500; i++)
        {
            var jobs = RecurringJobs(workspace);
            if (jobs.Count == expected)
            {
                return jobs;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Workspace {workspace} has {RecurringJobs(workspace).Count} recurring jobs, expected {expected}.{Environment.NewLine}{_app.Logs}");
    }

    private Dictionary<string, RecurringJobDto> RecurringJobs(Guid workspace)
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.EndsWith($":{workspace:N}", StringComparison.Ordinal)).ToDictionary(j => j.Id);
    }
}
