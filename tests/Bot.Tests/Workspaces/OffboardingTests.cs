using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Workspaces;

/// <summary>
/// A workspace that removes PeerBot stops getting rounds, nudges and pulses — on either platform — and gets them back
/// when it is seen again (with a fixed token or in Teams there is no OAuth callback to say so).
/// </summary>
public sealed class OffboardingTests
{
    private const int JobsPerWorkspace = 5;

    [Fact]
    public async Task TeamsTenant_RemovingTheAppFromItsLastChat_StopsItsSchedules_AndAMessageLaterBringsThemBack()
    {
        var (bf, app) = await TeamsApp.StartAsync(new() { ["PeerBot:ScheduleSyncInterval"] = "00:10:00" });
        await using var _ = app;
        await using var __ = bf;
        await SendAsync(app, bf, TeamsActivities.Personal(bf, "help", "29:ana"));
        await SendAsync(app, bf, TeamsActivities.Personal(bf, "help", "29:ben", "Ben Okafor"));
        var workspace = await app.ScalarAsync<Guid>("select id from workspaces where platform = 'teams'");
        await JobsEventuallyAsync(app, workspace, JobsPerWorkspace);

        // One teacher removes the app: the tenant still has PeerBot in another chat.
        await SendAsync(app, bf, Removal(bf, "29:ana", "installationUpdate"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from teams_conversations where user_id = '29:ana'"));
        Assert.Equal("synced", await app.ScalarAsync<string>("select schedules from workspaces where id = $1", workspace));
        Assert.Equal(JobsPerWorkspace, Jobs(app, workspace).Count);

        // The last one goes (as conversationUpdate removing the bot): the tenant is offboarded.
        await SendAsync(app, bf, Removal(bf, "29:ben", "conversationUpdate"));
        Assert.Equal("stopped", await app.ScalarAsync<string>("select schedules from workspaces where id = $1", workspace));
        Assert.Empty(Jobs(app, workspace));
        Assert.Contains(app.Logs.Lines, l => l.Contains("removed PeerBot", StringComparison.Ordinal));

        // Installed again: the next activity brings the rhythm back.
        await SendAsync(app, bf, TeamsActivities.Install(bf, "installationUpdate", "29:ana"));
        await JobsEventuallyAsync(app, workspace, JobsPerWorkspace);
    }

    [Fact]
    public async Task SlackWorkspace_WithAFixedToken_Uninstalled_ThenSeenAgainByACommand_GetsItsSchedulesBack()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:ScheduleSyncInterval"] = "00:10:00" });
        Assert.Contains("Welcome", await app.ReplyAsync("join role:peer subjects:math tz:America/Chicago", "U1"), StringComparison.Ordinal);
        var workspace = await app.ScalarAsync<Guid>("select id from workspaces");
        await JobsEventuallyAsync(app, workspace, JobsPerWorkspace);

        var uninstall = new JsonObject
        {
            ["token"] = "x", ["team_id"] = "T100", ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = "Ev-uninstall-1", ["event_time"] = 1740431544,
            ["event"] = new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1740431544.000001" },
        };
        using (var request = SlackSigner.Signed("/slack/events", uninstall.ToJsonString()))
        {
            request.Content!.Headers.ContentType = new("application/json");
            Assert.Equal(HttpStatusCode.OK, (await app.Http().SendAsync(request)).StatusCode);
        }

        await JobsEventuallyAsync(app, workspace, 0);
        Assert.Equal("stopped", await app.ScalarAsync<string>("select schedules from workspaces"));

        Assert.Contains("help", await app.ReplyAsync("help", "U1"), StringComparison.OrdinalIgnoreCase);
        await JobsEventuallyAsync(app, workspace, JobsPerWorkspace);
    }

    private static JsonObject Removal(FakeBotFramework bf, string user, string type)
    {
        var a = TeamsActivities.Install(bf, type, user);
        if (type == "installationUpdate")
        {
            a["action"] = "remove";
        }
        else
        {
            a.Remove("membersAdded");
            a["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = a["recipient"]!["id"]!.GetValue<string>() });
        }

        return a;
    }

    private static async Task SendAsync(PeerBotApp app, FakeBotFramework bf, JsonObject activity) =>
        Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.SendAsync(app, bf, activity)).StatusCode);

    private static Dictionary<string, RecurringJobDto> Jobs(PeerBotApp app, Guid workspace)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.EndsWith($":{workspace:N}", StringComparison.Ordinal)).ToDictionary(j => j.Id);
    }

    private static async Task JobsEventuallyAsync(PeerBotApp app, Guid workspace, int expected)
    {
        for (var i = 0; i < 500 && Jobs(app, workspace).Count != expected; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(expected, Jobs(app, workspace).Count);
    }
}
