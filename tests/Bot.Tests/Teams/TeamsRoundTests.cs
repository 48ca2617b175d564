using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsRoundTests : IAsyncLifetime
{
    private static readonly (string Id, string Name)[] People = [("29:ana", "Ana Ruiz"), ("29:ben", "Ben Okafor"), ("29:cai", "Cai Lin"), ("29:dee", "Dee Moss")];
    private FakeBotFramework _bf = null!;
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => (_bf, _app) = await TeamsApp.StartAsync(new()
    {
        ["PeerBot:Admins"] = $"{TeamsActivities.TenantId}:29:admin",
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _bf.DisposeAsync();
    }

    [Fact]
    public async Task PairingRound_InATeamsTenant_IntroducesEachPodMemberInTheirOwnChat_ExactlyOnce()
    {
        for (var i = 0; i < People.Length; i++)
        {
            var (id, name) = People[i];
            var join = TeamsActivities.Personal(_bf, $"join role:peer subjects:math grades:6-8 years:{i + 2} focus:assessment tz:America/Chicago", id, name);
            Assert.True((await TeamsActivities.SendAsync(_app, _bf, join)).IsSuccessStatusCode);
            await _bf.WaitForActivitiesAsync(1, Chat(id), 30_000);
        }

        Assert.True((await TeamsActivities.SendAsync(_app, _bf, TeamsActivities.Personal(_bf, "admin round now", "29:admin", "Ada Admin"))).IsSuccessStatusCode);
        var answer = await WaitForTextAsync("29:admin", "Round done");
        Assert.Contains("2 pods introduced", answer, StringComparison.Ordinal);
        await _app.DrainedAsync();

        // A crash after Teams had every message but before the outbox marked them sent: the retry sends nothing again.
        await _app.ScalarAsync<int>("update outbox set state = 'sending', claimed_until = now() - interval '1 second' where purpose = 'introduction'");
        await _app.DrainedAsync();

        var pods = new Dictionary<string, string>();
        foreach (var (id, name) in People)
        {
            var intro = Assert.Single(_bf.ActivitiesTo(Chat(id)), a => a.Body.Contains("got this message too", StringComparison.Ordinal));
            var partner = Assert.Single(People, p => p.Id != id && intro.Body.Contains(p.Name, StringComparison.Ordinal));
            pods[id] = partner.Id;
        }

        // Two pods of two: whoever Ana's intro names, that person's intro names Ana.
        Assert.All(pods, p => Assert.Equal(p.Key, pods[p.Value]));
        Assert.Equal(2L, await _app.ScalarAsync<long>("select count(*) from pairings where kind = 'pod'"));
    }

    [Fact]
    public async Task WithAnIntroductionsChannel_EachPodGetsOneThreadThere_MentioningItsMembers_ExactlyOnce()
    {
        var admin = TeamsActivities.Fixture("teams_message_channel_mention.json", _bf);
        var botId = admin["recipient"]!["id"]!.GetValue<string>();
        admin["from"]!["id"] = "29:admin";
        admin["text"] = "<at>PeerBot</at> admin intros here";
        admin["conversation"]!["conversationType"] = "channel";
        admin["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = Channel,
            ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "new-teachers" },
            ["tenant"] = new JsonObject { ["id"] = TeamsActivities.TenantId },
        };
        admin["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>PeerBot</at>", ["mentioned"] = new JsonObject { ["id"] = botId, ["name"] = "PeerBot" },
        });
        admin.Remove("attachments");
        Assert.True((await TeamsActivities.SendAsync(_app, _bf, admin)).IsSuccessStatusCode);
        var thread = admin["conversation"]!["id"]!.GetValue<string>();
        await _bf.WaitForActivitiesAsync(1, thread, 30_000);
        Assert.Contains("#new-teachers", _bf.ActivitiesTo(thread)[0].Body, StringComparison.Ordinal);

        foreach (var (id, name) in People.Take(2))
        {
            var join = TeamsActivities.Personal(_bf, "join role:peer subjects:math grades:6-8 years:3 focus:assessment tz:America/Chicago", id, name);
            Assert.True((await TeamsActivities.SendAsync(_app, _bf, join)).IsSuccessStatusCode);
            await _bf.WaitForActivitiesAsync(1, Chat(id), 30_000);
        }

        Assert.True((await TeamsActivities.SendAsync(_app, _bf, TeamsActivities.Personal(_bf, "admin round now", "29:admin", "Ada Admin"))).IsSuccessStatusCode);
        Assert.Contains("1 pod introduced", await WaitForTextAsync("29:admin", "Round done"), StringComparison.Ordinal);
        await _app.DrainedAsync();
        await _app.ScalarAsync<int>("update outbox set state = 'sending', claimed_until = now() - interval '1 second' where purpose = 'introduction'");
        await _app.DrainedAsync();

        var created = Assert.Single(_bf.Calls, c => c.Path == "/teams/v3/conversations" && c.Json!["isGroup"]?.GetValue<bool>() == true).Json!;
        Assert.Equal(Channel, created["channelData"]!["channel"]!["id"]!.GetValue<string>());
        var activity = created["activity"]!;
        Assert.StartsWith("<at>", activity["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var mentioned = activity["entities"]!.AsArray().Select(e => e!["mentioned"]!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["29:ana", "29:ben"], mentioned);
        Assert.All(People.Take(2), p => Assert.DoesNotContain(_bf.ActivitiesTo(Chat(p.Id)), a => a.Body.Contains("Why you", StringComparison.Ordinal)));
    }

    private const string Channel = "19:intros@thread.skype";

    private static string Chat(string userId) => $"a:personal-{userId}";

    private async Task<string> WaitForTextAsync(string userId, string text) =>
        (await _bf.WaitForActivitiesAsync(1, Chat(userId), FakeSlack.DefaultTimeoutMs, a => a.Body.Contains(text, StringComparison.Ordinal)))[0].Body;
}
