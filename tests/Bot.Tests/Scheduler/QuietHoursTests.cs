using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class QuietHoursTests
{
    [Fact]
    public async Task ScheduledMessage_OnSaturday_WaitsUntilMondayAfterClass_WhileAReplyGoesAtOnce()
    {
        // Saturday 7 March 2026, 10:00 in Chicago; US daylight saving starts the next day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 16, 0, 0, TimeSpan.Zero));
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.050" },
            services => services.AddSingleton<TimeProvider>(clock));
        var workspace = await app.WorkspaceAsync();

        await app.EnqueueAsync(workspace,
            new OutboxEntry("nudge:U1", ["U1"], "check-in", ChatMessage.Plain("Did you meet?"), Urgency.Scheduled) { TimeZones = ["America/Chicago"] },
            new OutboxEntry("reply:U2", ["U2"], "reply", ChatMessage.Plain("Done!"), Urgency.Now));

        var due = await app.ScalarAsync<DateTime>("select next_attempt_at from outbox where delivery_key = 'nudge:U1'");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.FromHours(-5)).UtcDateTime, due);
        await app.Slack.WaitUntilAsync(() => app.Slack.Posted.FirstOrDefault(), "the reply posted");
        // Both rows were due to one claim (a batch takes every due row): the pass that sent the reply looked at the nudge
        // and left it unclaimed, so the absence below is decided, not a race.
        Assert.Equal("reply:U2", Assert.Single(app.Slack.Posted).DeliveryKey);
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from outbox where delivery_key = 'nudge:U1' and state = 'pending' and claim_token is null"));

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 20, 0, 1, TimeSpan.Zero));
        await app.DrainedAsync(timeGoesOn: clock);
        Assert.Equal(["nudge:U1", "reply:U2"], app.Slack.Posted.Select(p => p.DeliveryKey!).Order());
    }
}
