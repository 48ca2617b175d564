using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Chat;

/// <summary>
/// How a command's reply reaches the person, the same on every platform: answered in time when the handler is quick,
/// otherwise acknowledged and answered late (the work tracked, so a graceful stop still delivers it); a handler that
/// fails — a cancellation nobody asked for included — becomes a kind apology. Adapters only render and transport.
/// </summary>
public sealed partial class ReplyPath(InFlightWork inFlight, ILogger<ReplyPath> log)
{
    public static readonly ChatMessage SomethingWentWrong = ChatMessage.Plain(
        "Sorry — something went wrong on my side and I couldn't finish that. Nothing you saved was lost; please try again in a minute.");

    /// <summary>The token for handlers and late replies: cancelled only when a graceful stop runs out of time.</summary>
    public CancellationToken Stopping => inFlight.Stopping;

    /// <summary>
    /// The settled reply when <paramref name="work"/> finishes within <paramref name="budget"/>. Otherwise null: the
    /// platform's sign of life (<paramref name="acknowledge"/>) goes first, and <paramref name="answerLate"/> gets the reply when it is ready.
    /// </summary>
    public async Task<OnTimeReply?> AnswerAsync(Task<CommandReply?> work, TimeSpan budget, Func<Task> acknowledge, Func<CommandReply, Task> answerLate)
    {
        // Most replies (help, profile) are ready at once or within milliseconds: no timer for those.
        if (work.IsCompleted || await FinishesWithinAsync(work, budget))
        {
            return new OnTimeReply(await SettleAsync(work));
        }

        await acknowledge();
        Later(work, answerLate);
        return null;
    }

    /// <summary>Answers when the work is done, in the background (a click, whose acknowledgement carries nothing).</summary>
    public void Later(Task<CommandReply?> work, Func<CommandReply, Task> answer) => inFlight.Run(async () =>
    {
        if (await SettleAsync(work) is { } reply)
        {
            await answer(reply);
        }
    });

    /// <summary>Sends something after the request was answered (a form's confirmation), tracked like a late reply.</summary>
    public void Send(Func<Task> send) => inFlight.Run(send);

    /// <summary>The handler's reply, or a kind apology when it failed (the failure is logged, never shown).</summary>
    public async Task<CommandReply?> SettleAsync(Task<CommandReply?> work)
    {
        try
        {
            return await work;
        }
        catch (Exception e) when (e is not OperationCanceledException || !Stopping.IsCancellationRequested)
        {
            // A cancellation the app did not ask for (a timeout deep inside) is a failure like any other: the person hears.
            LogHandlerFailed(e);
            return new MessageReply(SomethingWentWrong);
        }
    }

    private static async Task<bool> FinishesWithinAsync(Task work, TimeSpan budget)
    {
        try
        {
            await work.WaitAsync(budget);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (work.IsCompleted)
        {
            // The handler itself failed; SettleAsync turns that into an apology.
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A command handler failed")]
    private partial void LogHandlerFailed(Exception e);
}

/// <summary>A reply settled within the platform's acknowledgement budget (null: nothing to show).</summary>
public sealed record OnTimeReply(CommandReply? Reply);
