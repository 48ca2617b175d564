using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Admin;

/// <summary>One <c>admin …</c> sub-verb (schedule, timezone, break, …), picked by name from a table.</summary>
public interface IAdminVerb
{
    string Name { get; }

    /// <summary>How it is written after "admin ", e.g. "timezone &lt;IANA zone&gt;".</summary>
    string Usage { get; }

    /// <summary>Whether this verb can change when the workspace's recurring jobs fire (schedules, time zone).</summary>
    bool Reschedules => false;

    Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct);
}
