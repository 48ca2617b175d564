using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class AdminTests : IAsyncLifetime
{
    // Wednesday 4 March 2026, 12:00 in Chicago.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 18, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UCONF" },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_FromSomeoneWhoIsNotAnAdmin_IsRefusedAndChangesNothing()
    {
        Assert.Contains("Only workspace admins", await _app.ReplyAsync("admin timezone Europe/Berlin", "UNOBODY", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Equal("UTC", await _app.ScalarAsync<string>("select time_zone from workspaces"));
    }

    [Fact]
    public async Task Admin_PlatformAdmin_SetsTimeZoneScheduleBreakPods_AndShowSeesThem()
    {
        _app.Slack.Admins["UOWNER"] = true;
        Assert.Contains("America/Chicago", await _app.ReplyAsync("admin timezone America/Chicago", "UOWNER", _clock.GetUtcNow()), StringComparison.Ordinal);
        var schedule = await _app.ReplyAsync("admin schedule pairing every other monday 8:00", "UOWNER", _clock.GetUtcNow());
        Assert.Contains("every other Monday at 08:00", schedule, StringComparison.Ordinal);
        Assert.Contains("Next: Mon 16 Mar 08:00", schedule, StringComparison.Ordinal);
        Assert.Contains("Thursday at 15:30", await _app.ReplyAsync("admin schedule checkin thursday 3:30pm", "UOWNER", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("School break saved", await _app.ReplyAsync("admin break 2026-03-16 2026-03-20", "UOWNER", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("3 people", await _app.ReplyAsync("admin pods 3", "UOWNER", _clock.GetUtcNow()), StringComparison.Ordinal);

        var show = await _app.ReplyAsync("admin show", "UCONF", _clock.GetUtcNow());
        Assert.Contains("Time zone: America/Chicago", show, StringComparison.Ordinal);
        // The break swallows 16 March: the next round week is 30 March.
        Assert.Contains("every other Monday at 08:00 — next Mon 30 Mar 08:00", show, StringComparison.Ordinal);
        Assert.Contains("Pod size: 3", show, StringComparison.Ordinal);
        Assert.Contains("2026-03-16 to 2026-03-20", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_BadInput_SaysWhatWasWrongAndHowToWriteIt()
    {
        Assert.Contains("IANA name", await _app.ReplyAsync("admin timezone Mars/Olympus", "UCONF", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("couldn't read", await _app.ReplyAsync("admin schedule pairing sometimes", "UCONF", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("2, 3 or 4", await _app.ReplyAsync("admin pods 9", "UCONF", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("ends", await _app.ReplyAsync("admin break 2026-05-10 2026-05-01", "UCONF", _clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("Admin verbs", await _app.ReplyAsync("admin dance", "UCONF", _clock.GetUtcNow()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminShow_ListsDeadLetters()
    {
        var workspace = await _app.WorkspaceAsync();
        _app.Slack.Script("chat.postMessage", 200, """{"ok":false,"error":"user_not_found"}""");
        await _app.EnqueueAsync(workspace, OutboxHarness.Dm("dead:U77", "U77"));
        await _app.DrainedAsync();

        var show = await _app.ReplyAsync("admin show", "UCONF", _clock.GetUtcNow());
        Assert.Contains("1 undeliverable", show, StringComparison.Ordinal);
        Assert.Contains("test to U77", show, StringComparison.Ordinal);
        Assert.Contains("user_not_found", show, StringComparison.Ordinal);
    }
}
