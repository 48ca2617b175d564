using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>
/// What the outbox decides for each answer a platform can give, in the real bot on real PostgreSQL with the chat port
/// mocked: a script of answers per call says more here than a fake platform would.
/// </summary>
public sealed class OutboxDecisionsTests
{
    private readonly Mock<IChatGateway> _platform = new(MockBehavior.Strict);

    public OutboxDecisionsTests() => _platform.SetupGet(p => p.Platform).Returns(ChatPlatforms.Slack);

    private Task<PeerBotApp> StartAsync(int maxAttempts) => PeerBotApp.StartAsync(
        new()
        {
            ["PeerBot:Outbox:RetryBase"] = "00:00:00.050",
            ["PeerBot:Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.050",
        },
        services =>
        {
            services.RemoveAll<IChatGateway>();
            services.AddSingleton(_platform.Object);
        });

    private static bool Is(OutgoingMessage m, string key) => m.DeliveryKey == key;

    [Fact]
    public async Task RateLimitAnswers_AreWaitedOut_NeverCountedAsFailures_AndNeverLookedFor()
    {
        _platform.SetupSequence(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "busy")), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatRateLimitedException(TimeSpan.FromMilliseconds(100)))
            .ThrowsAsync(new ChatRateLimitedException(TimeSpan.FromMilliseconds(100)))
            .ThrowsAsync(new ChatRateLimitedException(TimeSpan.FromMilliseconds(100)))
            .ReturnsAsync(new DeliveryReceipt(["1.1"]));
        await using var app = await StartAsync(maxAttempts: 2);

        await app.EnqueueAsync(await app.WorkspaceAsync(), OutboxHarness.Dm("busy", "U1"));
        await app.DrainedAsync();

        Assert.Equal("sent", await app.StateAsync("busy"));
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "busy")), It.IsAny<CancellationToken>()), Times.Exactly(4));
        // "Slow down" means nothing was taken: there is nothing to look for before the next try.
        _platform.Verify(p => p.FindDeliveredAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AnAnswerThatMayHaveArrived_IsLookedForBeforeTheNextTry_AndNotSentAgainWhenFound()
    {
        _platform.Setup(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "lost-answer")), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("the platform took the message, then the answer never came"));
        _platform.Setup(p => p.FindDeliveredAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "lost-answer")), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        await using var app = await StartAsync(maxAttempts: 5);

        await app.EnqueueAsync(await app.WorkspaceAsync(), OutboxHarness.Dm("lost-answer", "U1"));
        await app.DrainedAsync();

        Assert.Equal("sent", await app.StateAsync("lost-answer"));
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        _platform.Verify(p => p.FindDeliveredAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task APlatformThatCannotTell_GetsTheMessageAgain_OnceMore()
    {
        // Teams has no history to look in: after an ambiguous failure the message goes again (at least once beats never).
        _platform.SetupSequence(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "no-history")), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection reset after the request was written"))
            .ReturnsAsync(new DeliveryReceipt(["a1"]));
        _platform.Setup(p => p.FindDeliveredAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((bool?)null);
        await using var app = await StartAsync(maxAttempts: 5);

        await app.EnqueueAsync(await app.WorkspaceAsync(), OutboxHarness.Dm("no-history", "U1"));
        await app.DrainedAsync();

        Assert.Equal("sent", await app.StateAsync("no-history"));
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task OneMessageThatAlwaysFails_BecomesADeadLetter_WhileTheOthersGoOutOnce()
    {
        _platform.Setup(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "broken")), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("channel_not_found", permanent: false));
        _platform.Setup(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => !Is(m, "broken")), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DeliveryReceipt(["ok"]));
        await using var app = await StartAsync(maxAttempts: 3);

        await app.EnqueueAsync(await app.WorkspaceAsync(), OutboxHarness.Dm("broken", "U1"), OutboxHarness.Dm("fine-1", "U2"), OutboxHarness.Dm("fine-2", "U3"));
        await app.DrainedAsync();

        Assert.Equal("dead", await app.StateAsync("broken"));
        Assert.Equal("sent", await app.StateAsync("fine-1"));
        Assert.Equal("sent", await app.StateAsync("fine-2"));
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "broken")), It.IsAny<CancellationToken>()), Times.Exactly(3));
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "fine-1")), It.IsAny<CancellationToken>()), Times.Once);
        _platform.Verify(p => p.DeliverAsync(It.IsAny<Workspace>(), It.Is<OutgoingMessage>(m => Is(m, "fine-2")), It.IsAny<CancellationToken>()), Times.Once);
        // A refusal is an answer: the message was not taken, so there is nothing to look for.
        _platform.Verify(p => p.FindDeliveredAsync(It.IsAny<Workspace>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
