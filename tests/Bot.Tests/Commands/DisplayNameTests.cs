using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>
/// People are named as their platform names them (Slack's display name, else full name; Teams' name), never by a handle,
/// kept fresh when they rename themselves there; a <c>name:</c> a person typed wins over both.
/// </summary>
public sealed class DisplayNameTests
{
    private const string Admin = "UADMIN";
    private const string Fields = "role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\" tz:America/Chicago";

    [Fact]
    public async Task Slack_WelcomesAndPodIntroductions_UseSlackNames_NeverHandles_AndFollowARename_ButATypedNameWins()
    {
        // The event acknowledgement waits for the handler, so a rename is in place when Slack gets its 200.
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = Admin, ["PeerBot:Outbox:PollInterval"] = "00:00:00.100", ["Slack:AckBudget"] = "00:00:20",
        });
        app.Slack.Names["UNM1"] = ("", "Ana Ruiz");          // no display name set: Slack shows the full name
        app.Slack.Names["UNM2"] = ("Ben O.", "Benjamin Okafor");
        app.Slack.Names["UNM3"] = ("Cleo", "Cleo Martin");
        var ana = app.SlackTeacher("UNM1", userName: "aruiz");
        var ben = app.SlackTeacher("UNM2", userName: "bokafor");
        var cleo = app.SlackTeacher("UNM3", userName: "cmartin");

        var welcome = await ana.TypeAsync($"join {Fields}");
        Assert.Contains("Welcome to PeerBot, Ana!", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Welcome to PeerBot, Ben!", (await ben.TypeAsync($"join {Fields}")).Text, StringComparison.Ordinal);
        Assert.Contains("Welcome to PeerBot, Ms!", (await cleo.TypeAsync($"join {Fields} name:\"Ms Martin\"")).Text, StringComparison.Ordinal);
        // Saving the profile again without name: keeps the name she typed.
        Assert.Contains("Saved", (await cleo.TypeAsync("join years:4")).Text, StringComparison.Ordinal);

        // Slack tells PeerBot that Ben and Cleo renamed themselves: Ben is called by his new name, Cleo keeps hers.
        Assert.Equal(HttpStatusCode.OK, await SendUserChangeAsync(app, "UNM2", "Benji", "Benjamin Okafor"));
        Assert.Equal(HttpStatusCode.OK, await SendUserChangeAsync(app, "UNM3", "Cleopatra", "Cleo Martin"));

        var admin = app.SlackTeacher(Admin);
        await admin.TypeAsync("admin pods 3");
        Assert.Contains("1 pod introduced", (await admin.TypeAsync("admin round now")).Text, StringComparison.Ordinal);
        await app.DrainedAsync();

        var intro = Assert.Single(app.Slack.Posted, p => p.Text.Contains("Meet your pack", StringComparison.Ordinal));
        Assert.Contains("Ana Ruiz", intro.Text, StringComparison.Ordinal);
        Assert.Contains("Benji", intro.Text, StringComparison.Ordinal);
        Assert.Contains("Ms Martin", intro.Text, StringComparison.Ordinal);
        foreach (var handleOrOldName in new[] { "aruiz", "bokafor", "cmartin", "Ben O.", "Cleopatra", "UNM" })
        {
            Assert.DoesNotContain(handleOrOldName, intro.Text, StringComparison.Ordinal);
        }

        // users.info is what Slack allows only with the users:read scope the manifest asks for.
        Assert.Contains(app.Slack.Calls, c => c.Method == "users.info");
        Assert.Empty(app.Slack.MissingScopes);
    }

    [Fact]
    public async Task Slack_AnInstallWithoutUsersRead_StillLetsPeopleJoin_UnderTheNameTheyTyped()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["Slack:AckBudget"] = "00:00:20" });
        app.Slack.GrantedScopes.TryRemove("users:read", out _);

        var reply = await app.SlackTeacher("UNM9", userName: "dpatel").TypeAsync("join role:peer subjects:math grades:6-8 name:\"Dev Patel\"");

        Assert.Contains("Welcome to PeerBot, Dev!", reply.Text, StringComparison.Ordinal);
        Assert.Equal(("users.info", "users:read"), Assert.Single(app.Slack.MissingScopes));
    }

    [Fact]
    public async Task Teams_PodIntroductionsUseTheTeamsName_AndARenameSeenOnTheNextMessage()
    {
        var (bf, app) = await TeamsApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        await using var _ = app;
        await using var __ = bf;
        var ana = app.TeamsTeacher(bf, "29:nm-ana", "Ana Ruiz");
        var ben = app.TeamsTeacher(bf, "29:nm-ben", "Ben Okafor");
        Assert.Contains("Welcome to PeerBot, Ana!", (await ana.TypeAsync($"join {Fields}")).Text, StringComparison.Ordinal);
        Assert.Contains("Welcome to PeerBot, Ben!", (await ben.TypeAsync($"join {Fields}")).Text, StringComparison.Ordinal);

        // Ben's name changed in Teams: the next thing he sends carries it.
        var renamed = app.TeamsTeacher(bf, "29:nm-ben", "Benjamin Okafor");
        Assert.Contains("Your PeerBot profile", (await renamed.TypeAsync("profile")).Text, StringComparison.Ordinal);

        var workspaceId = await app.ScalarAsync<Guid>("select id from workspaces where platform = 'teams'");
        await app.Services.GetRequiredService<PeerBot.Scheduler.Schedules.WorkspaceSettingsStore>().SetPodSizeAsync(workspaceId, 2, CancellationToken.None);
        var round = await app.Services.GetRequiredService<PairingRound>().RunAsync(workspaceId, "names-test", Urgency.Now, RoundScope.Full, CancellationToken.None);
        Assert.Equal(1, round.Plan.Pods);

        var intro = await ana.MessageAsync("Meet your pack");
        Assert.Contains("Ana Ruiz and Benjamin Okafor", intro.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("29:", intro.Text, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SendUserChangeAsync(PeerBotApp app, string userId, string displayName, string realName)
    {
        var body = new JsonObject
        {
            ["token"] = "aaaa",
            ["team_id"] = "T100",
            ["api_app_id"] = "A0442TUPHGR",
            ["event"] = new JsonObject
            {
                ["type"] = "user_change",
                ["user"] = new JsonObject
                {
                    ["id"] = userId, ["team_id"] = "T100", ["name"] = userId.ToLowerInvariant(), ["real_name"] = realName,
                    ["profile"] = new JsonObject { ["display_name"] = displayName, ["real_name"] = realName },
                },
                ["event_ts"] = "1740431544.556817",
            },
            ["type"] = "event_callback",
            ["event_id"] = $"Ev-rename-{userId}",
            ["event_time"] = 1740431544,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T100", ["user_id"] = "U0442US8QGH", ["is_bot"] = true }),
        };
        using var request = SlackSigner.Signed("/slack/events", body.ToJsonString());
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return (await app.Http().SendAsync(request)).StatusCode;
    }
}
