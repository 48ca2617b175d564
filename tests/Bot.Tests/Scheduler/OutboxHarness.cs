using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Polls until no row is pending or sending (or the timeout passes).</summary>
    public static async Task DrainedAsync(this PeerBotApp app, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await app.ScalarAsync<long>("select count(*) from outbox where state in ('pending', 'sending')") == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The outbox was not drained in time");
    }

    public static Task<string?> StateAsync(this PeerBotApp app, string key) =>
        app.ScalarAsync<string>("select state from outbox where delivery_key = $1", key);
}
