using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsConversationTests(TeamsApp teams, ITestOutputHelper output) : IClassFixture<TeamsApp>
{
    private FakeBotFramework Bf => teams.BotFramework;

    [Fact]
    public async Task PersonalMessage_Help_IsAnsweredInTheSameChatWithTheBotsToken()
    {
        var activity = TeamsActivities.Personal(Bf, "HELP", userId: "29:help-user");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await TeamsActivities.SendAsync(teams.App, Bf, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await Bf.WaitForActivitiesAsync(1, "a:personal-29:help-user", timeoutMs: 2000));
        output.WriteLine($"help answered in {clock.ElapsedMilliseconds} ms");
        Assert.Equal($"Bearer {FakeBotFramework.AccessToken}", reply.Authorization);
        Assert.Equal("message", reply.Json!["type"]!.GetValue<string>());
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.Json["replyToId"]!.GetValue<string>());
        var text = reply.Json["text"]!.GetValue<string>();
        Assert.Contains("**join [fields]**", text);
        Assert.DoesNotContain("/peer", text);
        // The workspace is the tenant; the person's chat is remembered for later.
        Assert.Equal(1L, await teams.App.ScalarAsync<long>("select count(*) from workspaces where platform = 'teams' and external_id = $1", TeamsActivities.TenantId));
        Assert.Equal("America/Los_Angeles", await teams.App.ScalarAsync<string>("select time_zone from teams_conversations where user_id = '29:help-user'"));
    }

    [Fact]
    public async Task OutboundToken_IsRequestedWithClientCredentialsAndReused()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "hi", userId: "29:token-a"));
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "hello", userId: "29:token-b"));
        await Bf.WaitForActivitiesAsync(2);

        var tokenRequests = Bf.Calls.Where(c => c.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)).ToList();
        var form = Uri.UnescapeDataString(Assert.Single(tokenRequests).Body);
        var expected = Uri.UnescapeDataString(Paths.ReadFixture("botframework_token_request.body.txt"))
            .Replace("MICROSOFT-APP-ID", FakeBotFramework.AppId).Replace("MICROSOFT-APP-PASSWORD", FakeBotFramework.AppPassword);
        Assert.Equal(expected.Split('&').Order(), form.Split('&').Order());
    }

    [Fact]
    public async Task ChannelMention_IsStrippedUsingTheMentionEntity()
    {
        var activity = TeamsActivities.Fixture("teams_message_channel_mention.json", Bf);
        // In real traffic the bot is the one mentioned and the entity's text occurs in the message text.
        activity["recipient"]!["id"] = activity["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>();
        activity["entities"]![0]!["text"] = "<at>Pranav Smith</at>";
        activity["text"] = "<at>Pranav Smith</at> join";
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsActivities.TenantId } };

        await TeamsActivities.SendAsync(teams.App, Bf, activity);

        var reply = Assert.Single(await Bf.WaitForActivitiesAsync(1, activity["conversation"]!["id"]!.GetValue<string>()));
        var card = reply.Json!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("profile", card["content"]!["actions"]![0]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstallTwice_SendsOneWelcome_AndHelpIsNotAWelcome()
    {
        const string user = "29:installer";
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Install(Bf, "conversationUpdate", user));
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Install(Bf, "installationUpdate", user));
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Install(Bf, "installationUpdate", user));
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "help", user));

        var toUser = await Bf.WaitForActivitiesAsync(2, $"a:personal-{user}");
        Assert.Equal(2, toUser.Count);
        var welcomes = toUser.Where(c => c.Json!["text"]!.GetValue<string>().Contains("Thanks for adding PeerBot", StringComparison.Ordinal)).ToList();
        var welcome = Assert.Single(welcomes);
        Assert.Contains("**join [fields]**", welcome.Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leave_ErasesThePersonsStoredChat()
    {
        const string user = "29:leaver";
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "join role:peer subjects:math years:4", user));
        Assert.Equal(1L, await teams.App.ScalarAsync<long>("select count(*) from teams_conversations where user_id = $1 and member_id is not null", user));

        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "leave", user));

        var replies = await Bf.WaitForActivitiesAsync(2, $"a:personal-{user}");
        Assert.Contains("erased", replies[1].Json!["text"]!.GetValue<string>());
        Assert.Equal(0L, await teams.App.ScalarAsync<long>("select count(*) from teams_conversations where user_id = $1", user));
    }

    [Fact]
    public async Task InstallInATeam_SendsNoWelcome()
    {
        var install = TeamsActivities.Install(Bf, "installationUpdate", "29:team-owner");
        install["conversation"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2", ["conversationType"] = "channel" };

        var response = await TeamsActivities.SendAsync(teams.App, Bf, install);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1L, await teams.App.ScalarAsync<long>("select count(*) from teams_conversations where conversation_id = '19:team-general@thread.tacv2'"));
        Assert.Empty(Bf.ActivitiesTo("19:team-general@thread.tacv2"));
    }

    [Fact]
    public async Task SlowCommand_SendsTypingFirst_ThenTheAnswer()
    {
        var (bf, app) = await TeamsApp.StartAsync(
            new() { ["Teams:TypingAfter"] = "00:00:00.200" },
            services => services.AddSingleton<ICommandHandler, SlowCommand>());
        await using var _ = app;
        await using var __ = bf;

        var response = await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "slow"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await bf.WaitForActivitiesAsync(2);
        Assert.Equal("typing", calls[0].Json!["type"]!.GetValue<string>());
        Assert.Equal("done slowly", calls[1].Json!["text"]!.GetValue<string>());
    }

    private sealed class SlowCommand : ICommandHandler
    {
        public CommandInfo Info { get; } = new("slow", "slow", "takes its time", "slow");

        public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
        {
            await Task.Delay(1200, ct);
            return new MessageReply(PeerBot.Scheduler.Chat.ChatMessage.Plain("done slowly"));
        }
    }
}
