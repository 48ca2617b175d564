using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>Shortcuts for outbox tests: the workspace, entries, and waiting until the outbox is drained.</summary>
public static class OutboxHarness
{
    public static Task<Workspace> WorkspaceAsync(this PeerBotApp app, string teamId = "T100") =>
        app.Services.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync("slack", teamId, "lincoln-ms", CancellationToken.None).AsTask();

    public static OutboxEntry Dm(string key, string user, string text = "Hello from the outbox", Urgency urgency = Urgency.Now) =>
        new(key, [user], "test", ChatMessage.Plain(text), urgency);

    public static Task<int> EnqueueAsync(this PeerBotApp app, Workspace workspace, params OutboxEntry[] entries) =>
        app.Services.GetRequiredService<Outbox>().EnqueueAsync(workspace.Id, entries, CancellationToken.None);

    /// <summary>
    /// Polls until no row is pending or sending (or the timeout passes). With <paramref name="timeGoesOn"/>, a bot on a
    /// fake clock sees time pass (one second a poll), as it would for real: a send retried after a slow answer on a busy
    /// box comes due again instead of waiting for a clock nobody moves.
    /// </summary>
    public static async Task DrainedAsync(this PeerBotApp app, int timeoutMs = 20_000, FakeTimeProvider? timeGoesOn = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await app.ScalarAsync<long>("select count(*) from outbox where state in ('pending', 'sending')") == 0)
            {
                return;
            }

            await Task.Delay(50);
            timeGoesOn?.Advance(TimeSpan.FromSeconds(1));
        }

        var left = await app.ScalarAsync<string>("select string_agg(delivery_key || ' ' || state || ' attempts ' || attempts || ' due ' || next_attempt_at, '; ') from outbox where state in ('pending', 'sending')");
        throw new TimeoutException($"The outbox was not drained in time: {left}");
    }

    public static Task<string?> StateAsync(this PeerBotApp app, string key) =>
        app.ScalarAsync<string>("select state from outbox where delivery_key = $1", key);
}
