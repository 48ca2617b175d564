using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerBot.Bot.Chat;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Tests.Chat;

/// <summary>The one reply path, seen from both platforms: late answers, unrequested cancellations and a graceful stop.</summary>
public sealed class ReplyPathTests
{
    private const string Apology = "Sorry — something went wrong on my side";

    private static Task<(FakeBotFramework, PeerBotApp)> StartAsync() => TeamsApp.StartAsync(
        new() { ["Slack:AckBudget"] = "00:00:00.200", ["Teams:TypingAfter"] = "00:00:00.200" },
        services =>
        {
            services.AddSingleton<Gate>();
            services.AddSingleton<ICommandHandler, SlowCommand>();
            services.AddSingleton<ICommandHandler, CancelledCommand>();
            services.AddSingleton<ICommandHandler, GatedCommand>();
        });

    [Fact]
    public async Task HandlerSlowerThanTheAckBudget_IsAnsweredOnceLate_InSlackAndTeams()
    {
        var (bf, app) = await StartAsync();
        await using var _ = bf;
        HttpResponseMessage slackAck;
        await using (app)
        {
            slackAck = await app.SendCommandAsync("slow");
            Assert.Equal(HttpStatusCode.OK, (await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "slow"))).StatusCode);

            Assert.Equal("done slowly", (await app.Slack.WaitForAsync("response_url")).Json!["text"]!.GetValue<string>());
            var teams = await bf.WaitForActivitiesAsync(2);
            Assert.Equal("typing", teams[0].Json!["type"]!.GetValue<string>());
            Assert.Equal("done slowly", teams[1].Json!["text"]!.GetValue<string>());
        }

        // Stopped gracefully: every piece of background work has finished, so nothing more can come.
        Assert.Equal("", await slackAck.Content.ReadAsStringAsync());
        Assert.Single(app.Slack.CallsTo("response_url"));
        Assert.Equal(2, bf.Activities.Count);
    }

    [Fact]
    public async Task UnrequestedCancellation_GetsTheSameApology_InSlackAndTeams_OnTimeAndLate()
    {
        var (bf, app) = await StartAsync();
        await using var _ = bf;
        await using var __ = app;

        // On time: Slack in the acknowledgement, Teams as the reply.
        var onTime = JsonNode.Parse(await (await app.SendCommandAsync("cancelled now")).Content.ReadAsStringAsync())!;
        Assert.StartsWith(Apology, onTime["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "cancelled now", userId: "29:now"));
        var teamsNow = Assert.Single(await bf.WaitForActivitiesAsync(1, "a:personal-29:now"));
        Assert.StartsWith(Apology, teamsNow.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // Late: through response_url, and after Teams' typing sign.
        Assert.Equal("", await (await app.SendCommandAsync("cancelled late")).Content.ReadAsStringAsync());
        Assert.StartsWith(Apology, (await app.Slack.WaitForAsync("response_url")).Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "cancelled late", userId: "29:late"));
        var teamsLate = await bf.WaitForActivitiesAsync(2, "a:personal-29:late");
        Assert.Equal("typing", teamsLate[0].Json!["type"]!.GetValue<string>());
        Assert.StartsWith(Apology, teamsLate[1].Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(onTime["text"]!.GetValue<string>(), teamsLate[1].Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task GracefulStop_WaitsForRepliesInFlight_AndTheyArrive()
    {
        var (bf, app) = await StartAsync();
        await using var _ = bf;
        var gate = app.Services.GetRequiredService<Gate>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        Assert.Equal("", await (await app.SendCommandAsync("gated")).Content.ReadAsStringAsync());
        await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "gated"));
        await gate.BothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await bf.WaitForActivitiesAsync(1, where: c => c.Json?["type"]?.GetValue<string>() == "typing");

        // The stop begins while both handlers are still working; only then may they finish.
        var stop = Task.Run(async () => await app.DisposeAsync());
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Open.TrySetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("worth the wait", Assert.Single(app.Slack.CallsTo("response_url")).Json!["text"]!.GetValue<string>());
        Assert.Contains(bf.Activities, c => c.Json?["text"]?.GetValue<string>() == "worth the wait");
    }

    private sealed class SlowCommand : ICommandHandler
    {
        public CommandInfo Info { get; } = new("slow", "slow", "takes its time", "slow");

        public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
        {
            await Task.Delay(1000, ct);
            return new MessageReply(ChatMessage.Plain("done slowly"));
        }
    }

    /// <summary>A timeout deep inside a handler: a cancellation nobody asked for.</summary>
    private sealed class CancelledCommand : ICommandHandler
    {
        public CommandInfo Info { get; } = new("cancelled", "cancelled", "times out inside", "cancelled");

        public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
        {
            if (command.Arguments.Contains("late", StringComparison.Ordinal))
            {
                await Task.Delay(600, ct);
            }

            throw new TaskCanceledException("A call inside the handler timed out");
        }
    }

    private sealed class Gate
    {
        private int _started;

        public TaskCompletionSource BothStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Started()
        {
            if (Interlocked.Increment(ref _started) == 2)
            {
                BothStarted.TrySetResult();
            }
        }
    }

    /// <summary>Works until the test opens the gate, honouring the token it was given (as real handlers do).</summary>
    private sealed class GatedCommand(Gate gate) : ICommandHandler
    {
        public CommandInfo Info { get; } = new("gated", "gated", "waits for the test", "gated");

        public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
        {
            gate.Started();
            await gate.Open.Task.WaitAsync(ct);
            return new MessageReply(ChatMessage.Plain("worth the wait"));
        }
    }
}
