using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class CrashTests
{
    [Fact]
    public async Task BotKilledMidFanOut_AndStartedAgain_EveryPodGetsExactlyOneIntroduction()
    {
        await using var slack = await FakeSlack.StartAsync();
        // Slack has each message 300 ms before it answers: a kill in that gap leaves the outcome unknown to the bot.
        slack.PostDelay = TimeSpan.FromMilliseconds(300);
        var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["PeerBot:Admins"] = "UADMIN",
            ["PeerBot:Outbox:Concurrency"] = "4",
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "5",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        };

        await using (var first = await BotProcess.StartAsync(database, slack, settings))
        {
            using var http = first.Http();
            for (var i = 1; i <= 40; i++)
            {
                await SayAsync(http, slack, $"join role:peer subjects:math grades:6-8 years:{i % 9 + 1} focus:assessment tz:America/Chicago", $"U{i:D2}");
            }

            await SayAsync(http, slack, "admin round now", "UADMIN");
            await slack.WaitForAsync("chat.postMessage", 3, 60_000);
            first.Kill();
        }

        var pods = await ScalarAsync(database, "select count(*) from pairings");
        Assert.Equal(20L, pods);
        Assert.True(await ScalarAsync(database, "select count(*) from outbox where state = 'sending'") > 0, "the kill should leave deliveries in flight");
        Assert.True(slack.Posted.Count < pods, "the kill should come before the fan-out finished");
        // Only what was handed to Slack is in doubt (at most one per sending worker), not the whole claimed batch.
        Assert.InRange(await ScalarAsync(database, "select count(*) from outbox where uncertain"), 0L, 4L);

        var restarted = DateTime.UtcNow;
        await using (var second = await BotProcess.StartAsync(database, slack, settings))
        {
            for (var i = 0; i < 1200 && await ScalarAsync(database, "select count(*) from outbox where state <> 'sent'") > 0; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(await ScalarAsync(database, "select count(*) from outbox where state <> 'sent'") == 0, $"the restarted bot should finish the fan-out:{Environment.NewLine}{second.Output}");
        }

        // The killed instance's claims (20 s leases, no longer renewed) free up well within a minute.
        Assert.True(DateTime.UtcNow - restarted < TimeSpan.FromSeconds(60), $"recovery took {DateTime.UtcNow - restarted}");

        var introductions = slack.Posted.Where(p => p.Channel.StartsWith('G')).GroupBy(p => p.Channel).ToList();
        Assert.Equal(pods, introductions.Count);
        Assert.All(introductions, channel => Assert.Single(channel));
        Assert.InRange(slack.CallsTo("conversations.history").Count, 1, 4);
        Assert.Empty(slack.MissingScopes);
    }

    private static async Task SayAsync(HttpClient http, FakeSlack slack, string text, string userId)
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, userId, "T100", slack.ResponseUrl()));
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/peer {text}: {(int)response.StatusCode}");
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
