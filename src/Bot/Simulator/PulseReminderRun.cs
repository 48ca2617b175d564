using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>The pulse's one reminder (two days after it opened): only to members who have not answered.</summary>
public sealed class PulseReminderRun(IServiceProvider services, PulseMemory memory) : ITimeRun
{
    public string Id => "pulse-reminder";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        if (memory.Last is not { } pulseId)
        {
            return "No pulse is open yet: open one first.";
        }

        await services.GetRequiredService<PulseJob>().RemindAsync(pulseId, ct);
        return "Reminder sent to everyone who has not answered the pulse yet.";
    }
}
