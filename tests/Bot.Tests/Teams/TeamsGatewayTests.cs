using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Teams;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsGatewayTests(TeamsApp teams) : IClassFixture<TeamsApp>
{
    private FakeBotFramework Bf => teams.BotFramework;

    private IChatGateway Gateway => teams.App.Services.GetRequiredService<ChatGateways>().For(new Workspace(Guid.Empty, "teams", "", "", "UTC"));

    [Fact]
    public async Task PairIntroduction_OpensA1To1ChatWithEach_NamingTheOther_ExactlyOnce()
    {
        var workspace = await TenantAsync();
        await JoinAsync(workspace, "29:pair-a", "Ana Ruiz");
        await JoinAsync(workspace, "29:pair-b", "Ben Okafor");
        var intro = new OutgoingMessage("round-1:pair-a+pair-b", ["29:pair-a", "29:pair-b"], ChatMessage.Plain("Meet your new peer!"));

        var receipt = await Gateway.DeliverAsync(workspace, intro, CancellationToken.None);
        await Gateway.DeliverAsync(workspace, intro, CancellationToken.None);

        Assert.Equal(2, receipt.MessageIds.Count);
        var creates = Bf.Calls.Where(c => c.Path == "/teams/v3/conversations").ToList();
        Assert.Equal(2, creates.Count);
        var shape = JsonNode.Parse(Paths.ReadFixture("teams_create_conversation_request.json"))!;
        foreach (var (create, user) in creates.Zip(new[] { "29:pair-a", "29:pair-b" }))
        {
            var json = create.Json!;
            Assert.Equal(Keys(shape), Keys(json));
            Assert.Equal(Keys(shape["bot"]!), Keys(json["bot"]!));
            Assert.Equal(user, json["members"]![0]!["id"]!.GetValue<string>());
            Assert.Equal(TeamsActivities.TenantId, json["channelData"]!["tenant"]!["id"]!.GetValue<string>());
            Assert.StartsWith("28:", json["bot"]!["id"]!.GetValue<string>());
        }

        // Both copies went to the conversation Teams created (the fixture's id), one each, naming the other person.
        var conversation = JsonNode.Parse(Paths.ReadFixture("teams_create_conversation_response.json"))!["id"]!.GetValue<string>();
        var sent = Bf.ActivitiesTo(conversation);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Ben Okafor", sent[0].Body);
        Assert.Contains("Ana Ruiz", sent[1].Body);
    }

    [Fact]
    public async Task Delivery_UsesTheStoredChat_WhenThePersonHasTalkedToPeerBot()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "join role:peer subjects:music years:3", "29:known"));
        await Bf.WaitForActivitiesAsync(1, "a:personal-29:known");
        var workspace = await TenantAsync();

        await Gateway.DeliverAsync(workspace, new OutgoingMessage("nudge-1:known", ["29:known"], ChatMessage.Plain("Time to check in!")), CancellationToken.None);

        var sent = await Bf.WaitForActivitiesAsync(2, "a:personal-29:known");
        Assert.Contains("Time to check in!", sent[1].Body);
        Assert.DoesNotContain(Bf.Calls, c => c.Path == "/teams/v3/conversations" && c.Body.Contains("29:known", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_ToSomeoneWhoNeverJoined_IsRefusedPermanently()
    {
        var workspace = await TenantAsync();

        var e = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            Gateway.DeliverAsync(workspace, new OutgoingMessage("x:stranger", ["29:stranger"], ChatMessage.Plain("hello")), CancellationToken.None));

        Assert.True(e.Permanent);
        Assert.DoesNotContain(Bf.Calls, c => c.Body.Contains("29:stranger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connector429_BecomesRateLimitedWithRetryAfter()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "join role:peer subjects:pe years:1", "29:busy"));
        await Bf.WaitForActivitiesAsync(1, "a:personal-29:busy");
        var workspace = await TenantAsync();
        Bf.Script(429, retryAfter: "7");

        var e = await Assert.ThrowsAsync<ChatRateLimitedException>(() =>
            Gateway.DeliverAsync(workspace, new OutgoingMessage("x:busy", ["29:busy"], ChatMessage.Plain("hello")), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task FindDelivered_IsUnknownOnTeams()
    {
        var workspace = await TenantAsync();

        Assert.Null(await Gateway.FindDeliveredAsync(workspace, new OutgoingMessage("k", ["29:x"], ChatMessage.Plain("x")), CancellationToken.None));
    }

    /// <summary>The tenant's workspace, after Teams has talked to PeerBot from it once (so a serviceUrl is known).</summary>
    private async Task<Workspace> TenantAsync()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "hi", "29:first-contact"));
        return await teams.App.Services.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync(TeamsChatGateway.PlatformName, TeamsActivities.TenantId, "", CancellationToken.None);
    }

    private async Task JoinAsync(Workspace workspace, string userId, string name) =>
        await teams.App.Services.GetRequiredService<MemberDirectory>().SaveAsync(workspace.Id, new TeacherProfile { Id = userId, Name = name, Role = MentoringRole.Peer }, CancellationToken.None);

    private static IEnumerable<string> Keys(JsonNode node) => node.AsObject().Select(p => p.Key).Order();
}
